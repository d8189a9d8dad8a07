using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// Turns a report's free-text summary into a <see cref="WebhookSummaryPreview"/>: whitespace collapsed, e-mail
/// addresses, IBANs and phone numbers replaced by placeholders, then shortened at a word boundary with an ellipsis.
/// Redaction runs before shortening so that a cut never leaves part of an address or number behind.
/// </summary>
internal static partial class SummaryPreviewer
{
    internal const string EmailPlaceholder = "[email]";
    internal const string IbanPlaceholder = "[iban]";
    internal const string PhonePlaceholder = "[phone]";
    internal const string Ellipsis = "\u2026";

    private const int MinPhoneDigits = 7;
    private const int MinIbanDigits = 12;

    private static readonly MatchEvaluator IbanEvaluator = RedactIban;
    private static readonly MatchEvaluator PhoneEvaluator = RedactPhone;

    /// <summary>The preview of <paramref name="summary"/>, or <see langword="null"/> when there is no text.</summary>
    public static WebhookSummaryPreview? Create(string? summary, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return null;
        }

        var collapsed = CollapseWhitespace(summary);
        var redacted = Redact(collapsed);
        var text = Shorten(redacted, maxLength, out var truncated);
        return new WebhookSummaryPreview
        {
            Text = text,
            IsTruncated = truncated,
            IsRedacted = !ReferenceEquals(redacted, collapsed) && ContainsPlaceholder(text),
        };
    }

    /// <summary>Replaces e-mail addresses, IBANs and phone numbers; returns the same instance when nothing matched.</summary>
    internal static string Redact(string text)
    {
        var result = RedactEmails(text);
        result = IbanPattern().Replace(result, IbanEvaluator);
        result = PhonePattern().Replace(result, PhoneEvaluator);
        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }

    /// <summary>
    /// Collapses every run of whitespace or control characters into one space, drops invisible format characters and
    /// trims the ends.
    /// </summary>
    internal static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (c > '\u007F' && char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                // Invisible characters (zero-width space, joiners, direction marks) could split an address or a
                // number so that redaction would miss it.
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Shortens <paramref name="text"/> to at most <paramref name="maxLength"/> characters (the ellipsis included),
    /// cutting at the last word boundary; a single overlong word is cut hard.
    /// </summary>
    internal static string Shorten(string text, int maxLength, out bool truncated)
    {
        if (text.Length <= maxLength)
        {
            truncated = false;
            return text;
        }

        truncated = true;
        var limit = maxLength - 1;
        var cut = text.LastIndexOf(' ', limit);
        if (cut < limit / 2)
        {
            cut = limit;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }
        }

        var kept = text.AsSpan(0, cut).TrimEnd(" ,;:-\u2013\u2014");
        return string.Concat(kept, Ellipsis);
    }

    /// <summary>Whether the text the receiver gets still shows a placeholder (redactions may lie in the cut-off part).</summary>
    private static bool ContainsPlaceholder(string text) =>
        text.Contains(EmailPlaceholder, StringComparison.Ordinal)
        || text.Contains(IbanPlaceholder, StringComparison.Ordinal)
        || text.Contains(PhonePlaceholder, StringComparison.Ordinal);

    /// <summary>
    /// Replaces every <c>local@domain.tld</c>. Works outward from each <c>@</c> (a regular expression would try every
    /// position of the text and cost several times more).
    /// </summary>
    internal static string RedactEmails(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0;
        while (at >= 0)
        {
            var start = at;
            while (start > copied && IsLocalPartChar(text[start - 1]))
            {
                start--;
            }

            var end = at + 1;
            while (end < text.Length && IsDomainChar(text[end]))
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] is '.' or '-')
            {
                end--;
            }

            if (start < at && HasTopLevelDomain(text.AsSpan(at + 1, end - at - 1)))
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, start - copied).Append(EmailPlaceholder);
                copied = end;
            }

            at = end < text.Length ? text.IndexOf('@', Math.Max(end, at + 1)) : -1;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsLocalPartChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsDomainChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-';

    /// <summary>Whether <paramref name="domain"/> has at least two labels and ends in a top-level domain of letters.</summary>
    private static bool HasTopLevelDomain(ReadOnlySpan<char> domain)
    {
        var dot = domain.LastIndexOf('.');
        if (dot <= 0 || domain.Length - dot - 1 < 2)
        {
            return false;
        }

        foreach (var c in domain[(dot + 1)..])
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string RedactIban(Match match) =>
        CountDigits(match.ValueSpan) >= MinIbanDigits ? IbanPlaceholder : match.Value;

    private static string RedactPhone(Match match)
    {
        var value = match.ValueSpan;
        if (CountDigits(value) < MinPhoneDigits || DatePattern().IsMatch(value))
        {
            return match.Value;
        }

        // A phone number starts with a country prefix, a trunk zero or an area code in parentheses; or it has the
        // North American shape 555-123-4567. Other digit groups (dates, order numbers) stay.
        return value[0] is '+' or '0' or '(' || NorthAmericanPattern().IsMatch(value) ? PhonePlaceholder : match.Value;
    }

    private static int CountDigits(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }


    // Country code, check digits, then groups of four (spaced or not) and a short tail.
    [GeneratedRegex(@"\b[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex IbanPattern();

    // Optional +country, optional (area), then digit groups joined by one space, dash, dot or slash.
    [GeneratedRegex(@"(?<![0-9+])(?:\+[0-9]{1,3}[ \-./]?)?(?:\([0-9]{1,5}\)[ \-./]?)?[0-9]{2,}(?:[ \-./][0-9]{2,}){0,6}", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[0-9]{3}[ \-.][0-9]{3}[ \-.][0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex NorthAmericanPattern();
}
