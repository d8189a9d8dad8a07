namespace Ordinavo.Webhooks.Contracts;

/// <summary>What the catalog knows about one event type: its category, meaning and the sections it carries.</summary>
public sealed class WebhookEventDescriptor
{
    internal WebhookEventDescriptor(
        WebhookEventType type,
        string description,
        WebhookSections requiredSections,
        WebhookSections optionalSections)
    {
        Type = type;
        Description = description;
        RequiredSections = requiredSections;
        OptionalSections = optionalSections & ~requiredSections;
    }

    /// <summary>The event type.</summary>
    public WebhookEventType Type { get; }

    /// <summary>The business area of the event type.</summary>
    public WebhookEventCategory Category => Type.Category;

    /// <summary>A one-line description: when the event is sent.</summary>
    public string Description { get; }

    /// <summary>Sections every event of this type carries; a publisher input without them is an error.</summary>
    public WebhookSections RequiredSections { get; }

    /// <summary>
    /// Sections an event of this type carries when the data exists and the subscription's payload options allow it.
    /// </summary>
    public WebhookSections OptionalSections { get; }

    /// <summary>Every section an event of this type may carry (required and optional).</summary>
    public WebhookSections Sections => RequiredSections | OptionalSections;

    /// <summary>Whether events of this type may carry every one of <paramref name="sections"/>.</summary>
    public bool Carries(WebhookSections sections) => (Sections & sections) == sections;

    /// <inheritdoc />
    public override string ToString() => Type.ToString();
}
