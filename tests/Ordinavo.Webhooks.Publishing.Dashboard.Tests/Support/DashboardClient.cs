using AngleSharp;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Support;

/// <summary>
/// A browser-like client of the dashboard: keeps cookies (the antiforgery cookie), does not follow redirects (the
/// tests look at them), and parses pages with AngleSharp as a browser would.
/// </summary>
public sealed class DashboardClient : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _client;

    public DashboardClient(DashboardTestHost host, IReadOnlyDictionary<string, string> headers)
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            BaseAddress = host.DashboardAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        foreach (var (name, value) in headers)
        {
            _client.DefaultRequestHeaders.Add(name, value);
        }
    }

    public HttpClient Http => _client;

    /// <summary>The cookies this client holds.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>GETs <paramref name="relative"/> (relative to the overview) and parses the answer.</summary>
    public async Task<Page> GetAsync(string relative)
    {
        using var response = await _client.GetAsync(relative);
        return await Page.ReadAsync(response);
    }

    /// <summary>Submits the form of <paramref name="page"/> matched by <paramref name="selector"/> as a browser would (its fields, changed by <paramref name="fields"/>).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Page page, string selector, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form {selector} on {page.Url}.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name:
                    values[name] = input.Value ?? string.Empty;
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    values[name] = select.Value ?? string.Empty;
                    break;
            }
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var action = new Uri(page.Url, form.GetAttribute("action")!);
        return await _client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>POSTs <paramref name="fields"/> to <paramref name="relative"/> without going through a page.</summary>
    public Task<HttpResponseMessage> PostAsync(string relative, IReadOnlyDictionary<string, string> fields) =>
        _client.PostAsync(relative, new FormUrlEncodedContent(fields));

    /// <summary>Follows a redirect as a browser does (its relative location against the request's URL).</summary>
    public async Task<Page> FollowAsync(HttpResponseMessage redirect)
    {
        var location = new Uri(redirect.RequestMessage!.RequestUri!, redirect.Headers.Location!);
        using var response = await _client.GetAsync(location);
        return await Page.ReadAsync(response);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>An answer of the dashboard, parsed.</summary>
    public sealed record Page(HttpStatusCode Status, Uri Url, IDocument Document, HttpResponseMessage Response)
    {
        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            var document = await Parser.ParseDocumentAsync(html);
            return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, document, response);
        }

        /// <summary>The rows of the table <paramref name="id"/> (each row's cells as text).</summary>
        public IReadOnlyList<IElement> Rows(string id) => [.. Document.QuerySelectorAll($"table#{id} tbody tr:not(.empty)")];

        public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"Nothing matches {selector} on {Url}.");
    }
}
