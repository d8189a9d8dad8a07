using Microsoft.Extensions.Hosting;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests;

/// <summary>
/// The entry point when this test assembly runs as a child process (the test host never calls it):
/// <c>receive &lt;sqlite|postgres&gt; &lt;connection string&gt; &lt;port&gt; &lt;secret&gt;</c> runs a receiver with the EF Core inbox
/// on 127.0.0.1:port until it is killed (the crash test).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["receive", var provider, var connectionString, var port, var secret])
        {
            await Console.Error.WriteLineAsync("usage: receive <sqlite|postgres> <connection string> <port> <secret>");
            return 2;
        }

        var database = TestDatabase.Open(provider, connectionString);
        var control = new HandlerControl { Delay = TimeSpan.FromMilliseconds(2) };
        await using var app = ReceiverHost.Build(database, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), control, secret: secret);
        await app.StartAsync();
        await Console.Out.WriteLineAsync("listening");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
