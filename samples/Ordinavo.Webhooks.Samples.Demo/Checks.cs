namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>The expectations the demo verifies (never assumes); the exit code is 0 only when all of them held.</summary>
internal sealed class Checks
{
    private readonly List<(string Name, bool Passed, string Detail)> _results = [];

    public int Count => _results.Count;

    public int Failed => _results.Count(r => !r.Passed);

    public IReadOnlyList<(string Name, bool Passed, string Detail)> Results => _results;

    public bool Check(string name, bool passed, string detail = "")
    {
        _results.Add((name, passed, detail));
        return passed;
    }
}
