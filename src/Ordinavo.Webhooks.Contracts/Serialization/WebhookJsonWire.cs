using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>
/// How bodies are written on the wire (contract section 2): text outside ASCII as UTF-8 bytes, not as <c>\u</c> escapes.
/// Every writer of a body (this package's serializer, the payload builder) takes its options from here.
/// </summary>
internal static class WebhookJsonWire
{
    /// <summary>
    /// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: of the BCL's encoders the one closest to "only what JSON
    /// requires is escaped". It escapes the quote, the backslash and control characters, and, as every BCL encoder does,
    /// also characters outside the Basic Multilingual Plane (an emoji becomes a <c>\uD83D\uDE00</c> surrogate pair),
    /// U+2028/U+2029 and unassigned or private-use code points; any JSON reader reads those back to the same text. German,
    /// French, Polish or Chinese names go out as their UTF-8 bytes (<c>Müller</c>, not <c>M\u00FCller</c>).
    /// "Unsafe" means it leaves <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and <c>'</c> unescaped, which matters only for JSON pasted
    /// into an HTML page, never for a webhook body; <c>JavaScriptEncoder.Create(UnicodeRanges.All)</c> would escape those
    /// HTML characters too, which JSON does not require.
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Compact writer options for bodies (validation skipped: the source-generated serializer writes well-formed JSON).</summary>
    public static readonly JsonWriterOptions CompactWriterOptions = new() { SkipValidation = true, Encoder = Encoder };

    /// <summary>The contract's source-generated context with the wire encoder, compact.</summary>
    public static readonly WebhookJsonContext Compact = new(new JsonSerializerOptions(WebhookJsonContext.Default.Options) { Encoder = Encoder });

    /// <summary>The contract's source-generated context with the wire encoder, indented (documents and examples).</summary>
    public static readonly WebhookJsonContext Indented = new(new JsonSerializerOptions(WebhookJsonContext.Default.Options) { Encoder = Encoder, WriteIndented = true });
}
