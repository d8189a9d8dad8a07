using System;
using System.Collections.Generic;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Cli.Listening;

/// <summary>The settings of <c>listen</c>.</summary>
/// <param name="Port">The port on 127.0.0.1 (0 for any free port).</param>
/// <param name="Secrets">The secrets requests are verified with.</param>
/// <param name="Tolerance">The timestamp tolerance.</param>
/// <param name="AcceptStandardWebhooks">Whether requests with only the Standard Webhooks headers are accepted.</param>
/// <param name="FailFirst">How many attempts of each event are answered 503 first.</param>
/// <param name="ShowBody">Whether each body is printed.</param>
/// <param name="MaxRequests">Stop after this many requests (0: run until stopped).</param>
internal sealed record ListenSettings(
    int Port,
    IReadOnlyList<WebhookSecret> Secrets,
    TimeSpan Tolerance,
    bool AcceptStandardWebhooks,
    int FailFirst,
    bool ShowBody,
    int MaxRequests);
