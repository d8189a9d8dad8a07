using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Ordinavo.Webhooks.Samples.Tests;

/// <summary>
/// Runs a built sample as a child process (<c>dotnet samples/X/bin/&lt;configuration&gt;/net10.0/X.dll</c>), capturing
/// its output. The samples are built with this test project (project references without the assembly).
/// </summary>
internal sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _lineAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static string DllPath(string sample)
    {
        var configuration = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        var path = RepositoryPaths.Combine("samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(path), $"The sample {sample} was not built: {path} is missing.");
        return path;
    }

    public static SampleProcess Start(string sample, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        StartDll(DllPath(sample), arguments, environment);

    /// <summary>
    /// Runs <c>dotnet <paramref name="dll"/></c> with the arguments and environment given, in
    /// <paramref name="workingDirectory"/> (the temporary folder by default).
    /// </summary>
    public static SampleProcess StartDll(string dll, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sampleProcess = new SampleProcess(process);
        process.OutputDataReceived += (_, e) => sampleProcess.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sampleProcess.Append(e.Data);
        process.Exited += (_, _) => sampleProcess._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sampleProcess;
    }

    /// <summary>Waits for the process to exit; kills it and fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            Assert.Fail($"The sample did not finish within {timeout.TotalSeconds} s. Its output:\n{Output}");
        }

        await _process.WaitForExitAsync();   // drains the output streams
        return _process.ExitCode;
    }

    /// <summary>Waits until the output has a line containing <paramref name="marker"/> and returns that line.</summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            Task lineAdded;
            string output;
            lock (_gate)
            {
                lineAdded = _lineAdded.Task;
                output = _output.ToString();
            }

            var line = output.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
            if (line is not null)
            {
                return line.TrimEnd('\r');
            }

            if (_exited.Task.IsCompleted)
            {
                break;
            }

            // Woken by the next line of output (or the exit), not by a timer.
            await Task.WhenAny(lineAdded, _exited.Task, Task.Delay(Timeout.Infinite, cts.Token));
        }

        Assert.Fail($"The sample never printed '{marker}'. Its output:\n{Output}");
        return string.Empty;
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource lineAdded;
        lock (_gate)
        {
            _output.AppendLine(line);
            lineAdded = _lineAdded;
            _lineAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        lineAdded.TrySetResult();
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : "dotnet";
    }
}
