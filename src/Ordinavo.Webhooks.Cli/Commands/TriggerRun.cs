using System;
using System.Collections.Generic;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary>What one <c>trigger</c> sends, and where.</summary>
/// <param name="Types">The event types, in catalog order.</param>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Secrets">The signing secrets.</param>
/// <param name="StandardWebhooks">Whether the Standard Webhooks headers are added.</param>
/// <param name="TenantId">The tenantId of the bodies, or the samples' own.</param>
/// <param name="Repeat">How many times each event is sent.</param>
/// <param name="EventId">One eventId for every request, or a fresh one each.</param>
/// <param name="Timeout">How long to wait for each answer.</param>
internal sealed record TriggerRun(
    IReadOnlyList<WebhookEventType> Types,
    Uri Endpoint,
    string[] Secrets,
    bool StandardWebhooks,
    string? TenantId,
    int Repeat,
    string? EventId,
    TimeSpan Timeout);
