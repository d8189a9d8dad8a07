namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// Reads request headers for <see cref="WebhookVerifier"/> without copying them. Implement it as a struct over your
/// framework's header collection (ASP.NET Core's <c>IHeaderDictionary</c>, for example) so that the generic verifier
/// methods call it without boxing. <see cref="DictionaryHeaderReader"/> and <see cref="HttpHeadersReader"/> are ready-made.
/// </summary>
public interface IWebhookHeaderReader
{
    /// <summary>
    /// Returns the value of the header named <paramref name="name"/> (matched case-insensitively), several values of
    /// the same header joined with <c>", "</c>, or <see langword="null"/> (or an empty string) when it is absent.
    /// </summary>
    string? GetValue(string name);
}
