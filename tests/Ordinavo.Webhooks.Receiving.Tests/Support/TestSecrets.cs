using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Receiving.Tests;

internal static class TestSecrets
{
    public static readonly string Primary = WebhookSecret.Generate().ExposeSecret();
    public static readonly string Secondary = WebhookSecret.Generate().ExposeSecret();
    public static readonly string Unknown = WebhookSecret.Generate().ExposeSecret();
}
