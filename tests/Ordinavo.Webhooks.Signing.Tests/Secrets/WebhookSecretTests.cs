namespace Ordinavo.Webhooks.Signing.Tests.Secrets;

public sealed class WebhookSecretTests
{
    private const string Valid = "whsec_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=";

    [Fact]
    public void Generate_makes_distinct_32_byte_secrets_that_round_trip()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();

        Assert.Equal(32, first.KeyLength);
        Assert.NotEqual(first, second);
        Assert.StartsWith("whsec_", first.ExposeSecret(), StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first.ExposeSecret()["whsec_".Length..]).Length);
        Assert.Equal(first, WebhookSecret.Parse(first.ExposeSecret()));
    }

    [Fact]
    public void Parse_keeps_the_value_and_ignores_surrounding_white_space()
    {
        var secret = WebhookSecret.Parse("  " + Valid + "\n");

        Assert.Equal(Valid, secret.ExposeSecret());
        Assert.Equal(32, secret.KeyLength);
    }

    [Theory]
    [InlineData(null, WebhookSecretErrorReason.Missing)]
    [InlineData("", WebhookSecretErrorReason.Missing)]
    [InlineData("   ", WebhookSecretErrorReason.Missing)]
    [InlineData("HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=", WebhookSecretErrorReason.WrongPrefix)]
    [InlineData("WHSEC_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=", WebhookSecretErrorReason.WrongPrefix)]
    [InlineData("sk_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=", WebhookSecretErrorReason.WrongPrefix)]
    [InlineData("whsec_", WebhookSecretErrorReason.InvalidBase64)]
    [InlineData("whsec_not base64!", WebhookSecretErrorReason.InvalidBase64)]
    [InlineData("whsec_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8", WebhookSecretErrorReason.InvalidBase64)]
    [InlineData("whsec_c2hvcnQ=", WebhookSecretErrorReason.TooShort)]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", WebhookSecretErrorReason.TooShort)]
    public void Invalid_values_are_rejected_with_a_reason_and_without_showing_the_value(string? value, WebhookSecretErrorReason reason)
    {
        Assert.False(WebhookSecret.TryParse(value, out var secret, out var error));
        Assert.Null(secret);
        Assert.Equal(reason, error);
        Assert.False(WebhookSecret.TryParse(value, out _));

        var exception = Assert.Throws<WebhookSecretException>(() => WebhookSecret.Parse(value!));
        Assert.Equal(reason, exception.Reason);
        if (!string.IsNullOrWhiteSpace(value))
        {
            var encoded = value.Trim().StartsWith("whsec_", StringComparison.Ordinal) ? value.Trim()[6..] : value.Trim();
            if (encoded.Length > 0)
            {
                Assert.DoesNotContain(encoded, exception.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_key_of_exactly_32_bytes_is_enough_and_longer_keys_are_kept()
    {
        Assert.Equal(32, WebhookSecret.FromKey(new byte[32]).KeyLength);
        Assert.Equal(64, WebhookSecret.FromKey(new byte[64]).KeyLength);
        Assert.Equal(WebhookSecretErrorReason.TooShort, Assert.Throws<WebhookSecretException>(() => WebhookSecret.FromKey(new byte[31])).Reason);
    }

    [Fact]
    public void The_value_never_appears_in_ToString_or_interpolation()
    {
        var secret = WebhookSecret.Parse(Valid);

        Assert.Equal("whsec_***", secret.ToString());
        Assert.Equal("secret whsec_***", $"secret {secret}");
        Assert.DoesNotContain("HRjOM5", new WebhookSigner(secret).Secrets[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_is_by_key_bytes()
    {
        var a = WebhookSecret.Parse(Valid);
        var b = WebhookSecret.Parse(Valid);
        var c = WebhookSecret.FromKey(Convert.FromBase64String(Valid[6..]).Select(x => (byte)(x ^ 1)).ToArray());

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(c));
        Assert.False(a.Equals(null));
        Assert.False(a.Equals(WebhookSecret.FromKey(new byte[64])));
        Assert.Single(new HashSet<WebhookSecret> { a, b });
    }

    [Fact]
    public void FromKey_copies_the_key()
    {
        var key = new byte[32];
        var secret = WebhookSecret.FromKey(key);
        key[0] = 42;

        Assert.Equal(WebhookSecret.FromKey(new byte[32]), secret);
    }
}
