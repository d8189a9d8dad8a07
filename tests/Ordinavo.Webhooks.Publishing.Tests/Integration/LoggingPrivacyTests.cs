using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Integration;

/// <summary>
/// What the publisher logs while delivering (successes and failures, at every level) never contains the endpoint's
/// path or query (which can carry tokens), a secret, or body content.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class LoggingPrivacyTests
{
    private const string UrlToken = "URL-TOKEN-MARKER-7f3a";

    [Fact]
    public async Task Delivery_logs_hold_no_endpoint_path_or_query_no_secret_and_no_body()
    {
        var secret = WebhookSecret.Generate();
        var lines = new ConcurrentQueue<string>();
        var answers = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await Receiver.StartAsync((context, _) =>
        {
            // First answer of each event fails, so failure logs are written too.
            var n = Interlocked.Increment(ref answers);
            context.Response.StatusCode = n % 2 == 1 ? 500 : 200;
            if (n >= 6)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        });
        await using var publisher = await PublisherHost.StartAsync(
            o => o.RetrySchedule = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)],
            configureServices: s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingProvider(lines))));
        publisher.Subscribe("erp", receiver.Url($"/hooks/{UrlToken}?token={UrlToken}"), secret);

        for (var i = 0; i < 3; i++)
        {
            await publisher.Publisher.PublishAsync(EngineHarness.Input(), CancellationToken.None);
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(100);

        Assert.NotEmpty(lines);
        var all = string.Join('\n', lines);
        Assert.DoesNotContain(UrlToken, all, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.ExposeSecret(), all, StringComparison.Ordinal);
        Assert.DoesNotContain("Rhein-Ruhr", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Weber", all, StringComparison.Ordinal);
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
