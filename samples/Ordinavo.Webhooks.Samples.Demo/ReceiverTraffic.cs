using System.Collections.Concurrent;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// Middleware state of the demo receiver: simulates an outage (the next N requests to a path get 503) and counts
/// every answer by path and status code.
/// </summary>
internal sealed class ReceiverTraffic
{
    private readonly ConcurrentDictionary<string, int> _outages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, int Status), int> _answers = new();

    public void FailNext(string path, int requests) => _outages[path] = requests;

    public int Answers(string path, int status) => _answers.TryGetValue((path, status), out var count) ? count : 0;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (TryTakeOutage(path))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        else
        {
            await next(context);
        }

        _answers.AddOrUpdate((path, context.Response.StatusCode), 1, (_, n) => n + 1);
    }

    private bool TryTakeOutage(string path)
    {
        while (_outages.TryGetValue(path, out var left) && left > 0)
        {
            if (_outages.TryUpdate(path, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}
