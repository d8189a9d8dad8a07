using System.Text;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class SnapshotTests
{
    public static TheoryData<bool, bool, bool, bool> OptionMatrix
    {
        get
        {
            var data = new TheoryData<bool, bool, bool, bool>();
            foreach (var (context, contact, summary, billing) in PayloadInputs.OptionCombinations())
            {
                data.Add(context, contact, summary, billing);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OptionMatrix))]
    public void VisitReportApproved_UnderEveryOptionCombination(bool context, bool contact, bool summary, bool billing)
    {
        var input = PayloadInputs.For(WebhookEventType.VisitReportApproved);
        var profile = PayloadInputs.Profile(context, contact, summary, billing);

        var bytes = WebhookPayloadBuilder.BuildUtf8Bytes(input, profile);

        Snapshot.MatchJson(PayloadJson.Indented(bytes), $"OptionMatrix/visit_report.approved.{Name(context, contact, summary, billing)}");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void BillingEventCreated_UnderBillingOptionAndTenantFeature(bool includeBillingDetails, bool tenantFeature)
    {
        // No event type carries both billing and summaryPreview, so the billing half of the matrix has its own files.
        var input = PayloadInputs.For(WebhookEventType.BillingEventCreated);
        var profile = PayloadInputs.DefaultProfile();
        profile.Options.IncludeBillingDetails = includeBillingDetails;
        profile.BillingWebhooksEnabled = tenantFeature;

        var bytes = WebhookPayloadBuilder.BuildUtf8Bytes(input, profile);

        Snapshot.MatchJson(
            PayloadJson.Indented(bytes),
            $"BillingMatrix/billing.event_created.option-{OnOff(includeBillingDetails)}.feature-{OnOff(tenantFeature)}");
    }

    [Theory]
    [MemberData(nameof(PayloadInputs.EventTypes), MemberType = typeof(PayloadInputs))]
    public void EveryEventType_WithDefaultOptions(string eventType)
    {
        var input = PayloadInputs.For(eventType);

        var bytes = WebhookPayloadBuilder.BuildUtf8Bytes(input, PayloadInputs.DefaultProfile());

        Snapshot.MatchJson(PayloadJson.Indented(bytes), $"EventTypes/{eventType}");
    }

    [Fact]
    public void Text_outside_ascii_goes_out_as_utf8_bytes_not_as_escapes()
    {
        var bytes = WebhookPayloadBuilder.BuildUtf8Bytes(PayloadInputs.German(WebhookEventType.VisitReportApproved), PayloadInputs.DefaultProfile());

        // The raw body, not a re-rendering: the bytes on the wire are the snapshot (compact, one line).
        var body = Encoding.UTF8.GetString(bytes);
        Snapshot.MatchJson(body, "NonAscii/visit_report.approved");
        Assert.Contains("\"name\":\"Müller Sanitätshaus Köln\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
        // "ü" is the two UTF-8 bytes C3 BC, once per occurrence, not the six of \u00FC.
        Assert.Equal(body.Count(c => c == 'ü'), CountOf(bytes, [0xC3, 0xBC]));
    }

    [Fact]
    public void The_buffer_writer_path_writes_the_same_utf8_bytes()
    {
        var input = PayloadInputs.German(WebhookEventType.VisitReportApproved);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        WebhookPayloadBuilder.Write(buffer, input, PayloadInputs.DefaultProfile());

        Assert.Equal(WebhookPayloadBuilder.BuildUtf8Bytes(input, PayloadInputs.DefaultProfile()), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void PublicApi_IsUnchanged() =>
        Snapshot.MatchText(PublicApi.Dump(typeof(WebhookPayloadBuilder).Assembly), "PublicApi");

    private static string Name(bool context, bool contact, bool summary, bool billing) =>
        $"context-{OnOff(context)}.contact-{OnOff(contact)}.summary-{OnOff(summary)}.billing-{OnOff(billing)}";

    private static string OnOff(bool value) => value ? "on" : "off";

    private static int CountOf(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var span = haystack.AsSpan(); span.IndexOf(needle) is var at and >= 0; span = span[(at + needle.Length)..])
        {
            count++;
        }

        return count;
    }
}
