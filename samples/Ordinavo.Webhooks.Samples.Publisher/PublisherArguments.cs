using System.Globalization;
using System.Net;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Samples.Publisher;

/// <summary>The command line of the publisher sample, checked before anything starts.</summary>
internal sealed class PublisherArguments
{
    public const string Usage =
        """
        Usage: dotnet run --project samples/Ordinavo.Webhooks.Samples.Publisher -- --url <endpoint> --secret <whsec_...> [options]

          --url <endpoint>    the receiver's webhook endpoint, e.g. http://127.0.0.1:5080/webhooks/ordinavo
                              (plain http:// only to a loopback address; https:// for anything else)
          --secret <whsec_>   the subscription's signing secret (the receiver verifies with the same one)
          --events <N>        how many events to publish, 1..10000 (default 24: one of each event type)
          --db <file>         the SQLite outbox file (default: a new file in a temporary folder, removed at the end)
          --timeout <s>       how long to wait for every event to be delivered or dead-lettered (default 120)
          --standard-webhooks also send the Standard Webhooks headers (webhook-id, webhook-timestamp,
                              webhook-signature "v1,<base64>") beside the X-Ordinavo-* ones, signed with the same
                              secret, to test a Standard Webhooks library against this publisher
        """;

    private PublisherArguments(Uri url, WebhookSecret secret, int events, string? databasePath, TimeSpan timeout, bool standardWebhooks)
    {
        StandardWebhooks = standardWebhooks;
        Url = url;
        Secret = secret;
        Events = events;
        DatabasePath = databasePath;
        Timeout = timeout;
    }

    public Uri Url { get; }

    public WebhookSecret Secret { get; }

    public int Events { get; }

    public string? DatabasePath { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Whether attempts also carry the Standard Webhooks headers.</summary>
    public bool StandardWebhooks { get; }

    public bool IsPlainHttp => Url.Scheme == Uri.UriSchemeHttp;

    /// <summary>Whether the URL names this machine (127.0.0.0/8, ::1 or localhost).</summary>
    public bool IsLoopback => Url.IsLoopback;

    public static bool TryParse(string[] args, out PublisherArguments? arguments, out string? error)
    {
        arguments = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var standardWebhooks = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                error = null;
                return false;
            }

            if (name is "--standard-webhooks")
            {
                // A switch: it takes no value.
                if (standardWebhooks)
                {
                    error = $"{name} is given twice.";
                    return false;
                }

                standardWebhooks = true;
                continue;
            }

            if (name is not ("--url" or "--secret" or "--events" or "--db" or "--timeout"))
            {
                // Values are never echoed: a misplaced secret must not end up in a terminal log.
                error = name.StartsWith("--", StringComparison.Ordinal)
                    ? $"unknown option '{Shorten(name)}'."
                    : $"unexpected value at position {i + 1} (every value follows its option, e.g. --events 24).";
                return false;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{name} needs a value.";
                return false;
            }

            if (!values.TryAdd(name, args[++i]))
            {
                error = $"{name} is given twice.";
                return false;
            }
        }

        if (!values.TryGetValue("--url", out var urlText))
        {
            error = "--url is required.";
            return false;
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            error = "--url must be an absolute http:// or https:// URL.";
            return false;
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            error = "--url: plain http:// is only allowed to a loopback address (127.0.0.1, ::1, localhost); use https:// for other hosts.";
            return false;
        }

        if (!values.TryGetValue("--secret", out var secretText))
        {
            error = "--secret is required (the subscription's whsec_... secret).";
            return false;
        }

        if (!WebhookSecret.TryParse(secretText, out var secret, out var secretError))
        {
            // Never echo the secret itself.
            error = $"--secret is not a valid webhook secret ({secretError}): expected whsec_ followed by base64 of at least {WebhookSecret.MinimumKeyLength} bytes.";
            return false;
        }

        var events = 24;
        if (values.TryGetValue("--events", out var eventsText) &&
            (!int.TryParse(eventsText, NumberStyles.None, CultureInfo.InvariantCulture, out events) || events is < 1 or > 10_000))
        {
            error = "--events must be a whole number from 1 to 10000.";
            return false;
        }

        var timeout = TimeSpan.FromSeconds(120);
        if (values.TryGetValue("--timeout", out var timeoutText))
        {
            if (!int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
            {
                error = "--timeout must be a whole number of seconds from 1 to 3600.";
                return false;
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }

        string? databasePath = null;
        if (values.TryGetValue("--db", out var db))
        {
            if (string.IsNullOrWhiteSpace(db) || db.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                error = "--db must be a file path.";
                return false;
            }

            databasePath = Path.GetFullPath(db);
            if (Directory.Exists(databasePath))
            {
                error = "--db names a folder; give a file path, e.g. ./outbox.db.";
                return false;
            }
        }

        arguments = new PublisherArguments(url, secret!, events, databasePath, timeout, standardWebhooks);
        error = null;
        return true;
    }

    /// <summary>The destinations the SSRF guard must let through for this URL (only loopback, and only explicitly).</summary>
    public IReadOnlyList<string> LoopbackDestinations()
    {
        if (!IsLoopback)
        {
            return [];
        }

        return IPAddress.TryParse(Url.IdnHost, out var address) ? [address.ToString()] : [Url.IdnHost, "127.0.0.1", "::1"];
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
