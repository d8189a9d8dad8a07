using System.Text;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests.Serialization;

/// <summary>Every malformed body ends in one <see cref="WebhookPayloadException"/> with a reason; nothing of the body leaks.</summary>
public class MalformedInputTests
{
    // Stands for free text or secrets in a body: it must never appear in an exception message or path.
    private const string Marker = "SECRET_MARKER_7f3a";

    private const string Envelope = "\"eventId\":\"evt_01KV51Z1D091N47JTP1MZBA2Y0\",\"eventType\":\"target.imported\",\"occurredAt\":\"2026-06-15T07:12:04Z\",\"tenantId\":\"tenant-123\"";

    public static TheoryData<string, string, WebhookPayloadErrorReason, string?> Cases() => new()
    {
        { "empty", "", WebhookPayloadErrorReason.EmptyBody, null },
        { "whitespace", " \r\n\t ", WebhookPayloadErrorReason.EmptyBody, null },
        { "not JSON", $"{Marker} is not JSON", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "truncated", $"{{{Envelope},\"target\":{{\"title\":\"{Marker}", WebhookPayloadErrorReason.InvalidJson, "$.target.title" },
        { "truncated in an unknown property", $"{{\"{Marker}\":\"{Marker}", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "syntax error in an unknown property", $"{{{Envelope},\"{Marker}\":{{\"x\":[1,2,}}}}", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "syntax error in an unknown bracketed property", $"{{{Envelope},\"{Marker} x.y\":tru}}", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "syntax error below an unknown property of a section", $"{{{Envelope},\"customer\":{{\"{Marker}\":[1,}}}}", WebhookPayloadErrorReason.InvalidJson, "$.customer" },
        { "trailing comma", $"{{{Envelope},}}", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "comment", $"{{{Envelope} /* {Marker} */}}", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "two roots", $"{{{Envelope}}} {{\"x\":\"{Marker}\"}}", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "array root", $"[{{{Envelope}}}, \"{Marker}\"]", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "string root", $"\"{Marker}\"", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "number root", "42", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "null root", "null", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "tenantId a number", $"{{{Envelope.Replace("\"tenant-123\"", "123", StringComparison.Ordinal)},\"x\":\"{Marker}\"}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.tenantId" },
        { "section a string", $"{{{Envelope},\"customer\":\"{Marker}\"}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.customer" },
        { "id a string", $"{{{Envelope},\"target\":{{\"id\":\"{Marker}\"}}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.target.id" },
        { "id a fraction", $"{{{Envelope},\"target\":{{\"id\":455.5}}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.target.id" },
        { "flag a string", $"{{{Envelope},\"location\":{{\"ordinavoLocationId\":34,\"hasCoordinates\":\"{Marker}\"}}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.location.hasCoordinates" },
        { "list of strings", $"{{{Envelope},\"route\":{{\"id\":1,\"appointmentIds\":[\"{Marker}\"]}}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.route.appointmentIds[0]" },
        { "timestamp not ISO", $"{{{Envelope.Replace("2026-06-15T07:12:04Z", Marker, StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.occurredAt" },
        { "timestamp a number", $"{{{Envelope.Replace("\"2026-06-15T07:12:04Z\"", "1781507524", StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.occurredAt" },
        { "event type malformed", $"{{{Envelope.Replace("target.imported", "Target Imported " + Marker, StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.eventType" },
        { "event type null", $"{{{Envelope.Replace("\"target.imported\"", "null", StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.InvalidPropertyValue, "$.eventType" },
        { "eventId missing", $"{{{Envelope.Replace("\"eventId\":\"evt_01KV51Z1D091N47JTP1MZBA2Y0\",", "", StringComparison.Ordinal)},\"x\":\"{Marker}\"}}", WebhookPayloadErrorReason.MissingRequiredProperty, "$.eventId" },
        { "eventId empty", $"{{{Envelope.Replace("evt_01KV51Z1D091N47JTP1MZBA2Y0", "", StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.MissingRequiredProperty, "$.eventId" },
        { "eventType missing", $"{{{Envelope.Replace("\"eventType\":\"target.imported\",", "", StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.MissingRequiredProperty, "$.eventType" },
        { "occurredAt missing", $"{{{Envelope.Replace("\"occurredAt\":\"2026-06-15T07:12:04Z\",", "", StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.MissingRequiredProperty, "$.occurredAt" },
        { "tenantId missing", $"{{{Envelope.Replace(",\"tenantId\":\"tenant-123\"", "", StringComparison.Ordinal)}}}", WebhookPayloadErrorReason.MissingRequiredProperty, "$.tenantId" },
        { "empty object", "{}", WebhookPayloadErrorReason.MissingRequiredProperty, "$.eventId" },
        { "deep nesting", $"{{{Envelope},\"{Marker}\":{new string('[', 200)}{new string(']', 200)}}}", WebhookPayloadErrorReason.InvalidJson, "$" },
        { "deep nesting in a section", $"{{{Envelope},\"target\":{{\"x\":{string.Concat(Enumerable.Repeat("{\"a\":", 100))}1{new string('}', 100)}}}}}", WebhookPayloadErrorReason.InvalidJson, "$.target" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_body_gives_a_typed_error_with_its_reason_and_path(string name, string body, WebhookPayloadErrorReason reason, string? path)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var ex = Assert.Throws<WebhookPayloadException>(() => WebhookEventSerializer.Deserialize(bytes));

        Assert.True(reason == ex.Reason, $"{name}: expected {reason}, got {ex.Reason} ({ex.Message})");
        Assert.Equal(path, ex.Path);
        Assert.DoesNotContain(Marker, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, ex.Path ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);

        Assert.False(WebhookEventSerializer.TryDeserialize(bytes, out var result, out var error));
        Assert.Null(result);
        Assert.Equal(ex.Reason, error.Reason);
        Assert.Equal(ex.Message, error.Message);
    }

    [Theory]
    [InlineData("an envelope value")]
    [InlineData("a section value")]
    [InlineData("an unknown property")]
    public void Invalid_utf8_is_invalid_json_and_never_throws_anything_else(string where)
    {
        var invalid = new byte[] { 0xC3, 0x28, 0xFF, 0xFE };
        byte[] Body(string prefix, string suffix) => [.. Encoding.UTF8.GetBytes(prefix), .. invalid, .. Encoding.UTF8.GetBytes(suffix)];
        var body = where switch
        {
            "an envelope value" => Body("{\"eventId\":\"evt_", $"\",\"x\":\"{Marker}\"}}"),
            "a section value" => Body($"{{{Envelope},\"customer\":{{\"ordinavoCustomerId\":12,\"name\":\"", "\"}"),
            _ => Body($"{{{Envelope},\"{Marker}\":\"", "\"}"),
        };

        var ok = WebhookEventSerializer.TryDeserialize(body, out _, out var error);

        if (where == "an unknown property")
        {
            // Values of unknown properties are skipped unread, as the tolerant reader promises.
            Assert.True(ok);
            return;
        }

        Assert.False(ok);
        Assert.Equal(WebhookPayloadErrorReason.InvalidJson, error!.Reason);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, error.Message, StringComparison.Ordinal);
    }

    private static readonly byte[] Specials = [.. "{}[]\",:0aZ\\"u8, 0xFF, 0x00];

    [Fact]
    public void Random_mutations_of_valid_bodies_never_throw_anything_but_the_typed_error()
    {
        var random = new Random(20260618);
        var bodies = WebhookSamples.All.Select(WebhookEventSerializer.SerializeToUtf8Bytes).ToArray();
        var failures = 0;

        for (var i = 0; i < 3000; i++)
        {
            var body = bodies[random.Next(bodies.Length)].ToList();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits && body.Count > 0; e++)
            {
                var at = random.Next(body.Count);
                switch (random.Next(4))
                {
                    case 0: body[at] = (byte)random.Next(256); break;
                    case 1: body.RemoveAt(at); break;
                    case 2: body.Insert(at, Specials[random.Next(Specials.Length)]); break;
                    default: body.RemoveRange(at, body.Count - at); break;
                }
            }

            try
            {
                WebhookEventSerializer.Deserialize(body.ToArray());
            }
            catch (WebhookPayloadException ex)
            {
                failures++;
                Assert.True(Enum.IsDefined(ex.Reason));
                Assert.False(string.IsNullOrEmpty(ex.Message));
            }
        }

        Assert.InRange(failures, 500, 3000); // most mutations break the body; the point is that none escaped untyped
    }
}
