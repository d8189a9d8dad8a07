using System.Diagnostics;

namespace Ordinavo.Webhooks.Cli.Tests.Support;

/// <summary>The installed tool running as a process, its output collected line by line.</summary>
public sealed class ToolProcess : IDisposable
{
    private readonly Process _process;

    private ToolProcess(Process process)
    {
        _process = process;
    }

    public CapturingWriter Output { get; } = new();

    public CapturingWriter Error { get; } = new();

    public int ExitCode => _process.ExitCode;

    public static ToolProcess Start(string executable, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ORDINAVO_WEBHOOK_SECRET");
        foreach (var variable in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[variable.Key] = variable.Value;
        }

        var process = new Process { StartInfo = info };
        var tool = new ToolProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                tool.Output.WriteLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                tool.Error.WriteLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The tool did not exit within {timeout}. Output: {Output} Error: {Error}");
        }

        _process.WaitForExit(); // drains the output events
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
