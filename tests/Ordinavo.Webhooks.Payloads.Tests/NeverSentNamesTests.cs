using System.Text.Json;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

/// <summary>No body names a field of the never-sent list, in any object, whatever the input and the options.</summary>
public sealed class NeverSentNamesTests
{
    [Fact]
    public void No_body_under_any_option_combination_carries_a_never_sent_name()
    {
        var never = NeverSentNames.All.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in WebhookEventCatalog.All)
        {
            var input = PayloadInputs.WithAllRecords(descriptor.Type, canary: true);
            foreach (var (context, contact, summary, billing) in PayloadInputs.OptionCombinations())
            {
                using var body = JsonDocument.Parse(WebhookPayloadBuilder.BuildUtf8Bytes(input, PayloadInputs.Profile(context, contact, summary, billing)));
                CollectNames(body.RootElement, seen);
            }
        }

        // The walk reached the nested objects (billing details, the summary preview), so a leak would have been seen.
        Assert.Contains("costCenter", seen);
        Assert.Contains("isRedacted", seen);
        Assert.DoesNotContain(seen, never.Contains);
    }

    [Fact]
    public void The_list_holds_distinct_camel_case_names()
    {
        Assert.Equal(NeverSentNames.All.Count, NeverSentNames.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(NeverSentNames.All, name => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), name));
        Assert.Subset(
            NeverSentNames.All.ToHashSet(),
            new HashSet<string> { "internalNotes", "apiKey", "secret", "latitude", "longitude", "coordinates", "invoiceNumber", "price", "tax", "totalAmount", "grossTotal", "legacyCustomerNumber", "email", "phone" });
    }

    private static void CollectNames(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    names.Add(property.Name);
                    CollectNames(property.Value, names);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectNames(item, names);
                }

                break;
        }
    }
}
