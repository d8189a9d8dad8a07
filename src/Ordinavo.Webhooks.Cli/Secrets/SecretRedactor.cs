using System.Text.RegularExpressions;

namespace Ordinavo.Webhooks.Cli.Secrets;

/// <summary>Masks anything that looks like a webhook secret in text the tool prints (errors included).</summary>
internal static partial class SecretRedactor
{
    /// <summary>The text with every <c>whsec_...</c> value replaced by <c>whsec_***</c>.</summary>
    public static string Redact(string text) => SecretPattern().Replace(text, "whsec_***");

    [GeneratedRegex("whsec_[A-Za-z0-9+/=_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
