using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class SummaryPreviewTests
{
    [Theory]
    [InlineData("Send the log to anna.weber@rrm-supply.de please.", "Send the log to [email] please.")]
    [InlineData("Mail: Anna.Weber+service@mail.rrm-supply.co.uk.", "Mail: [email].")]
    [InlineData("Two: a@b.de,c.d@e-f.com", "Two: [email],[email]")]
    [InlineData("Contact (ANNA_WEBER@RRM-SUPPLY.DE) or <j.becker@ordinavo.example>.", "Contact ([email]) or <[email]>.")]
    [InlineData("Grüße an jürgen.müller@beispiel-gmbh.de!", "Grüße an [email]!")]
    [InlineData("Ping anna.weber@rrm-supply.de", "Ping [email]")]
    public void EmailAddresses_AreReplaced(string text, string expected) => AssertPreview(text, expected, redacted: true);

    [Theory]
    [InlineData("Call +49 201 1234567 today.")]
    [InlineData("Call 0201/123456 today.")]
    [InlineData("Call (0201) 123-456 today.")]
    [InlineData("Call +1-555-123-4567 today.")]
    [InlineData("Call 555-123-4567 today.")]
    [InlineData("Call +49 (0)201 123456 today.")]
    [InlineData("Call 0170 1234567 today.")]
    [InlineData("Call +492011234567 today.")]
    [InlineData("Call 0201-123456 today.")]
    [InlineData("Call 0049 201 1234567 today.")]
    [InlineData("Call +44 20 7946 0958 today.")]
    [InlineData("Call 0201.123.456 today.")]
    public void PhoneNumbers_InSeveralFormats_AreReplaced(string text) => AssertPreview(text, "Call [phone] today.", redacted: true);

    [Theory]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 for the refund.")]
    [InlineData("IBAN DE89370400440532013000 for the refund.")]
    [InlineData("IBAN de89 3704 0044 0532 0130 00 for the refund.")]
    [InlineData("IBAN GB29 NWBK 6016 1331 9268 19 for the refund.")]
    [InlineData("IBAN NL91 ABNA 0417 1643 00 for the refund.")]
    public void Ibans_AreReplaced(string text) => AssertPreview(text, "IBAN [iban] for the refund.", redacted: true);

    [Theory]
    [InlineData("Visit on 01.07.2026 at 08:30, order JOB-2026-000918, 45128 Essen, 4.2 bar, 2026-06-18.")]
    [InlineData("Pump P-3 replaced; 3 units, serial SN 123456.")]
    [InlineData("Maintenance visit - Essen Center")]
    [InlineData("Pressure @ 4.2 bar; see user@localhost and @team.")]
    public void OperationalText_IsKept(string text) => AssertPreview(text, text, redacted: false);

    [Fact]
    public void Whitespace_IsCollapsed()
    {
        AssertPreview("  Pump\treplaced.\r\n\r\n  Seals   checked.\u00A0Done.  ", "Pump replaced. Seals checked. Done.", redacted: false);
    }

    [Fact]
    public void InvisibleCharacters_CannotHideAnAddressOrNumber()
    {
        AssertPreview("Call 0201\u200B123456 or anna\u200D.weber@rrm-supply\u2060.de.", "Call [phone] or [email].", redacted: true);
    }

    [Fact]
    public void TextShorterThanTheLimit_IsKeptWhole()
    {
        var preview = SummaryPreviewer.Create("Pump replaced, seals checked.", 200)!;

        Assert.Equal("Pump replaced, seals checked.", preview.Text);
        Assert.False(preview.IsTruncated);
        Assert.False(preview.IsRedacted);
    }

    [Fact]
    public void TextOfExactlyTheLimit_IsNotShortened()
    {
        var text = new string('a', 99) + " " + new string('b', 100);

        var preview = SummaryPreviewer.Create(text, 200)!;

        Assert.Equal(text, preview.Text);
        Assert.False(preview.IsTruncated);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(200)]
    [InlineData(2000)]
    public void VeryLongText_IsCutAtAWordBoundary_WithAnEllipsis(int maxLength)
    {
        var text = string.Concat(Enumerable.Repeat("Checked the seals and valves again. ", 500));

        var preview = SummaryPreviewer.Create(text, maxLength)!;

        Assert.True(preview.IsTruncated);
        Assert.True(preview.Text!.Length <= maxLength, $"{preview.Text.Length} > {maxLength}");
        Assert.EndsWith("\u2026", preview.Text, StringComparison.Ordinal);
        var kept = preview.Text[..^1];
        Assert.StartsWith(kept, text, StringComparison.Ordinal);
        Assert.Equal(' ', text[kept.Length + (text[kept.Length] == '.' ? 1 : 0)]);
        Assert.True(kept.Length >= maxLength / 2, "The cut threw away more than half of the allowed length.");
    }

    [Fact]
    public void DefaultLimit_Is200Characters()
    {
        var preview = SummaryPreviewer.Create(PayloadInputs.ReportSummary, new WebhookPayloadOptions().SummaryPreviewMaxLength)!;

        Assert.Equal(
            "Replaced the filter cartridge and the pressure sensor on pump P-3. Anna Weber asked for the maintenance log by e-mail " +
            "to [email]; call her back on [phone] before the next visit. Pressure test passed\u2026",
            preview.Text);
        Assert.True(preview.IsTruncated);
        Assert.True(preview.IsRedacted);
    }

    [Fact]
    public void SingleOverlongWord_IsCutHard()
    {
        var preview = SummaryPreviewer.Create("See " + new string('x', 300), 50)!;

        Assert.Equal(50, preview.Text!.Length);
        Assert.Equal("See " + new string('x', 45) + "\u2026", preview.Text);
    }

    [Fact]
    public void Redaction_RunsBeforeShortening_SoACutNeverLeavesPartOfAnAddress()
    {
        // Unredacted, the cut at 60 characters would fall inside the address and leave "anna.weber@rrm-su".
        var text = "Please send the signed maintenance log to the site manager anna.weber@rrm-supply.de and the others.";
        var phone = "Please send the signed maintenance log to the site manager +49 201 1234567 and the others.";

        var mail = SummaryPreviewer.Create(text, 70)!;
        var tel = SummaryPreviewer.Create(phone, 70)!;

        Assert.Equal("Please send the signed maintenance log to the site manager [email]\u2026", mail.Text);
        Assert.Equal("Please send the signed maintenance log to the site manager [phone]\u2026", tel.Text);
        Assert.DoesNotContain("anna", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("+49", tel.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public void NoText_NoPreview(string? summary) => Assert.Null(SummaryPreviewer.Create(summary, 200));

    [Fact]
    public void Preview_IsSentOnlyWhenEnabled_AndOnlyForVisitReportEvents()
    {
        var on = PayloadInputs.Profile(true, true, summaryPreview: true, billingDetails: false);
        var off = PayloadInputs.Profile(true, true, summaryPreview: false, billingDetails: false);

        var approvedOn = WebhookPayloadBuilder.Build(PayloadInputs.WithAllRecords(WebhookEventType.VisitReportApproved), on);
        var approvedOff = WebhookPayloadBuilder.Build(PayloadInputs.WithAllRecords(WebhookEventType.VisitReportApproved), off);
        var billingOn = WebhookPayloadBuilder.Build(PayloadInputs.WithAllRecords(WebhookEventType.BillingEventCreated), on);
        var followUpOn = WebhookPayloadBuilder.Build(PayloadInputs.WithAllRecords(WebhookEventType.TargetFollowUpCreated), on);

        Assert.NotNull(approvedOn.SummaryPreview);
        Assert.Null(approvedOff.SummaryPreview);
        Assert.Null(billingOn.SummaryPreview);
        Assert.Null(followUpOn.SummaryPreview);
    }

    [Fact]
    public void ConfiguredLimit_IsUsed()
    {
        var profile = PayloadInputs.Profile(true, true, summaryPreview: true, billingDetails: false);
        profile.Options.SummaryPreviewMaxLength = 40;

        var preview = WebhookPayloadBuilder.Build(PayloadInputs.For(WebhookEventType.VisitReportSubmitted), profile).SummaryPreview!;

        Assert.Equal("Replaced the filter cartridge and the\u2026", preview.Text);
        Assert.True(preview.IsTruncated);
        Assert.False(preview.IsRedacted);
    }

    private static void AssertPreview(string text, string expected, bool redacted)
    {
        var preview = SummaryPreviewer.Create(text, 200)!;

        Assert.Equal(expected, preview.Text);
        Assert.Equal(redacted, preview.IsRedacted);
        Assert.False(preview.IsTruncated);
    }
}
