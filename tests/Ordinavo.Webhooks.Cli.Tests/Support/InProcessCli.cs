namespace Ordinavo.Webhooks.Cli.Tests.Support;

/// <summary>Runs the tool through its entry point in this process, with captured output and a chosen environment.</summary>
public sealed class InProcessCli
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public CapturingWriter Output { get; } = new();

    public CapturingWriter Error { get; } = new();

    public InProcessCli WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public Task<int> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        CliApplication.RunAsync(args, new CliEnvironment(Output, Error, name => _variables.GetValueOrDefault(name), outputRedirected: true), cancellationToken);

    public static async Task<(int ExitCode, string Output, string Error)> RunOnceAsync(params string[] args)
    {
        var cli = new InProcessCli();
        var exitCode = await cli.RunAsync(args);
        return (exitCode, cli.Output.ToString(), cli.Error.ToString());
    }
}
