namespace Ordinavo.Webhooks.Payloads;

/// <summary>Why <see cref="WebhookPayloadBuilder"/> produced nothing.</summary>
public enum WebhookPayloadBuildError
{
    /// <summary>The input lacks an envelope field (event id, event type, tenant, occurredAt) or has a malformed one.</summary>
    InvalidInput,

    /// <summary>The event type is not one of the contract's types, so its sections are unknown.</summary>
    UnknownEventType,

    /// <summary>The input lacks a record the event type requires (for example a visit report for <c>visit_report.approved</c>).</summary>
    MissingRequiredSection,

    /// <summary>A record belongs to another tenant than the event (or to none); tenant isolation failed closed.</summary>
    TenantMismatch,

    /// <summary>The subscription's payload options are invalid.</summary>
    InvalidOptions,
}
