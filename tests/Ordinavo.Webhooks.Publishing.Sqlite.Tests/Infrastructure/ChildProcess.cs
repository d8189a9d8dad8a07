using System.Diagnostics;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

/// <summary>Starts this test assembly as a child process (<c>dotnet &lt;this&gt;.dll command args</c>, see <see cref="Program"/>).</summary>
public static class ChildProcess
{
    public static Process Start(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        info.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("The child process did not start.");
    }
}
