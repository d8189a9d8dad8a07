namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>
/// Bad input is a 400 (or 413/415) problem details answer naming what is wrong, and changes nothing. The host refuses
/// plain http:// endpoints, as a production publisher does.
/// </summary>
public sealed class BadInputTests
{
    private const string Valid = "https://erp.example.com/hooks";

    public static TheoryData<string, string, string, string?> BadCreates => new()
    {
        // name, body, problem type, field named in errors
        { "unknown event type", Body(eventTypes: "[\"visit_report.aproved\"]"), WebhookAdminProblemTypes.Validation, "eventTypes" },
        { "http endpoint", Body(endpoint: "http://erp.example.com/hooks"), WebhookAdminProblemTypes.Validation, "endpointUrl" },
        { "relative endpoint", Body(endpoint: "/hooks"), WebhookAdminProblemTypes.Validation, "endpointUrl" },
        { "oversized endpoint", Body(endpoint: "https://erp.example.com/" + new string('a', 2048)), WebhookAdminProblemTypes.Validation, "endpointUrl" },
        { "oversized description", Body(extra: $",\"description\":\"{new string('d', 257)}\""), WebhookAdminProblemTypes.Validation, "description" },
        { "too many event types", Body(eventTypes: "[" + string.Join(",", Enumerable.Repeat("\"visit_report.approved\"", 65)) + "]"), WebhookAdminProblemTypes.Validation, "eventTypes" },
        { "unknown payload option", Body(extra: ",\"payloadOptions\":{\"includeEverything\":true}"), WebhookAdminProblemTypes.Validation, "payloadOptions.includeEverything" },
        { "invalid payload option value", Body(extra: ",\"payloadOptions\":{\"summaryPreviewMaxLength\":5}"), WebhookAdminProblemTypes.Validation, "payloadOptions" },
        { "unknown member", Body(extra: ",\"secret\":\"whsec_mine\""), WebhookAdminProblemTypes.Validation, "secret" },
        { "missing endpoint", "{\"eventTypes\":[]}", WebhookAdminProblemTypes.Validation, "endpointUrl" },
        { "null endpoint", "{\"endpointUrl\":null}", WebhookAdminProblemTypes.Validation, "endpointUrl" },
        { "wrong type", Body(extra: ",\"standardWebhooksHeaders\":\"yes\""), WebhookAdminProblemTypes.Validation, "standardWebhooksHeaders" },
        { "malformed JSON", "{\"endpointUrl\":\"https://erp.example.com/hooks\",", WebhookAdminProblemTypes.MalformedJson, null },
        { "not an object", "[1,2]", WebhookAdminProblemTypes.Validation, "body" },
        { "empty body", "", WebhookAdminProblemTypes.MalformedJson, null },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_bad_create_is_a_400_problem_naming_the_field_and_creates_nothing(string name, string body, string type, string? field)
    {
        _ = name;
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { AllowInsecureHttp = false });
        var client = host.Client("tenant-a");

        using var response = await client.PostAsync("subscriptions", AdminApi.Json(body));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, type);
        if (field is not null)
        {
            var errors = problem["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"errors should name '{field}': {errors.ToJsonString()}");
            Assert.NotEmpty(errors[field]!.AsArray());
        }

        var list = await (await client.GetAsync("subscriptions")).ReadObjectAsync();
        Assert.Empty(list["items"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_event_type_names_the_nearest_known_one()
    {
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { AllowInsecureHttp = false });
        using var response = await host.Client("tenant-a").PostAsync("subscriptions", AdminApi.Json(Body(eventTypes: "[\"visit_report.aproved\"]")));
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
        Assert.Contains("visit_report.approved", (string)problem["errors"]!["eventTypes"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { AllowInsecureHttp = false });
        using var response = await host.Client("tenant-a").PostAsync("subscriptions",
            AdminApi.Json("{\"endpointUrl\":\"https://erp.example.com/hooks\",\"extra1\":1,\"payloadOptions\":{\"extra2\":true}}"));
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
        Assert.Equal(["extra1", "payloadOptions.extra2"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_bad_update_is_a_400_problem_and_leaves_the_subscription_unchanged(string name, string body, string type, string? field)
    {
        _ = name;
        _ = field;
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { AllowInsecureHttp = false });
        var client = host.Client("tenant-a");
        var created = await client.CreateAsync(AdminApi.Subscription(new Uri(Valid), "billing.*"));
        var id = (string)created["subscription"]!["id"]!;
        var before = await (await client.GetAsync($"subscriptions/{id}")).Content.ReadAsStringAsync();

        // The same bad bodies, with a current version where they are objects.
        var update = body.StartsWith("{\"endpointUrl\":\"", StringComparison.Ordinal) && body.EndsWith('}')
            ? body[..^1] + ",\"version\":1}"
            : body;
        using var response = await client.PutAsync($"subscriptions/{id}", AdminApi.Json(update));

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, type);
        var after = await (await client.GetAsync($"subscriptions/{id}")).Content.ReadAsStringAsync();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415_and_an_oversized_body_413()
    {
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { AllowInsecureHttp = false });
        var client = host.Client("tenant-a");

        using var text = await client.PostAsync("subscriptions", new StringContent(Body(), System.Text.Encoding.UTF8, "text/plain"));
        await text.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, WebhookAdminProblemTypes.UnsupportedMediaType);

        using var huge = await client.PostAsync("subscriptions", AdminApi.Json(Body(extra: $",\"description\":\"{new string('d', 70_000)}\"")));
        await huge.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, WebhookAdminProblemTypes.PayloadTooLarge);

        var list = await (await client.GetAsync("subscriptions")).ReadObjectAsync();
        Assert.Empty(list["items"]!.AsArray());
    }

    [Theory]
    [InlineData("subscriptions?pageSize=0", "pageSize")]
    [InlineData("subscriptions?pageSize=abc", "pageSize")]
    [InlineData("subscriptions?pageSize=201", "pageSize")]
    [InlineData("deliveries?state=Lost", "state")]
    [InlineData("deliveries?limit=1001", "limit")]
    [InlineData("deliveries?createdFrom=yesterday", "createdFrom")]
    public async Task A_bad_query_value_is_a_400_problem_naming_the_parameter(string path, string parameter)
    {
        await using var host = await AdminTestHost.StartAsync();
        using var response = await host.Client("tenant-a").GetAsync(path);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(parameter));
    }

    [Fact]
    public async Task A_negative_grace_period_is_a_400_and_rotates_nothing()
    {
        await using var host = await AdminTestHost.StartAsync();
        var client = host.Client("tenant-a");
        var created = await client.CreateAsync(AdminApi.Subscription(new Uri(Valid)));
        var id = (string)created["subscription"]!["id"]!;

        using var response = await client.PostAsync($"subscriptions/{id}/rotate-secret", AdminApi.Json("{\"gracePeriodSeconds\":-1}"));
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("gracePeriodSeconds"));

        var subscription = await (await client.GetAsync($"subscriptions/{id}")).ReadObjectAsync();
        Assert.Single(subscription["secrets"]!.AsArray());
        Assert.Equal(1, (long)subscription["version"]!);
    }

    private static string Body(string endpoint = Valid, string eventTypes = "[\"visit_report.*\"]", string extra = "") =>
        $"{{\"endpointUrl\":\"{endpoint}\",\"eventTypes\":{eventTypes}{extra}}}";
}
