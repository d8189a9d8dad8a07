using System.Text;

namespace Ordinavo.Webhooks.Cli.Tests.Support;

/// <summary>A text writer that may be read while another thread writes (listen runs on Kestrel's threads).</summary>
public sealed class CapturingWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    public string[] Lines => ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Waits until a line satisfies <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Lines.FirstOrDefault(predicate);
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching line in: " + ToString());
    }
}
