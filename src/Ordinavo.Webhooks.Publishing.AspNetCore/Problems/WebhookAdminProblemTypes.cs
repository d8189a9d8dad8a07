namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The stable <c>type</c> URIs of the admin API's problem details (RFC 9457, <c>application/problem+json</c>).
/// Clients branch on these, never on <c>title</c> or <c>detail</c>.
/// </summary>
public static class WebhookAdminProblemTypes
{
    /// <summary>400: fields of the request are invalid; <c>errors</c> lists each field with its messages. Nothing was changed.</summary>
    public const string Validation = "urn:ordinavo:webhooks:problem:validation";

    /// <summary>400: the body is not JSON (or is empty where a body is required). Nothing was changed.</summary>
    public const string MalformedJson = "urn:ordinavo:webhooks:problem:malformed-json";

    /// <summary>400: the request is valid but the subscription cannot be created as asked (for example the tenant's subscription limit is reached).</summary>
    public const string InvalidSubscription = "urn:ordinavo:webhooks:problem:invalid-subscription";

    /// <summary>403: the caller's tenant could not be determined (the tenant resolver gave none).</summary>
    public const string TenantRequired = "urn:ordinavo:webhooks:problem:tenant-required";

    /// <summary>404: no such subscription or delivery for the caller's tenant (another tenant's ids are not found either).</summary>
    public const string NotFound = "urn:ordinavo:webhooks:problem:not-found";

    /// <summary>409: the version sent is no longer current (lost update); read the subscription again and repeat the change.</summary>
    public const string Conflict = "urn:ordinavo:webhooks:problem:conflict";

    /// <summary>409: the delivery is being attempted right now; try again in a moment.</summary>
    public const string DeliveryBusy = "urn:ordinavo:webhooks:problem:delivery-busy";

    /// <summary>413: the request body is larger than the admin API accepts (64 KiB).</summary>
    public const string PayloadTooLarge = "urn:ordinavo:webhooks:problem:payload-too-large";

    /// <summary>415: the request body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "urn:ordinavo:webhooks:problem:unsupported-media-type";

    /// <summary>500: the subscription's secrets cannot be decrypted with this application's Data Protection key ring (a configuration problem of the host).</summary>
    public const string SecretUnreadable = "urn:ordinavo:webhooks:problem:secret-unreadable";
}
