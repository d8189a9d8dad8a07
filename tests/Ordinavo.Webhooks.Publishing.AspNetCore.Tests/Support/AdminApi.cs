using System.Text;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>Small helpers for calling the admin API and reading its JSON.</summary>
public static class AdminApi
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>A valid subscription body for <paramref name="endpoint"/>.</summary>
    public static JsonObject Subscription(Uri endpoint, params string[] eventTypes) => new()
    {
        ["endpointUrl"] = endpoint.ToString(),
        ["eventTypes"] = new JsonArray([.. eventTypes.Select(t => (JsonNode?)JsonValue.Create(t))]),
        ["description"] = "ERP integration",
        ["payloadOptions"] = new JsonObject { ["includeContactDetails"] = false },
    };

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Reads a problem details answer, checking its status and type.</summary>
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal(type, (string?)problem["type"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        return problem;
    }

    /// <summary>Creates a subscription and returns the answer's body (subscription and secret).</summary>
    public static async Task<JsonObject> CreateAsync(this HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsync("subscriptions", Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadObjectAsync();
    }
}
