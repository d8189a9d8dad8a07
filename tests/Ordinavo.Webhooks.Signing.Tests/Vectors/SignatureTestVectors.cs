using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Signing.Tests.Vectors;

/// <summary>Reads docs/signature-test-vectors.json, the interoperability vectors produced by an independent implementation.</summary>
internal static class SignatureTestVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.Combine("docs", "signature-test-vectors.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Vectors => Root.GetProperty("vectors").EnumerateArray();

    public static IEnumerable<JsonElement> Cases => Root.GetProperty("verificationCases").EnumerateArray();

    public static JsonElement Vector(string name) => Vectors.Single(v => v.GetProperty("name").GetString() == name);

    public static JsonElement Case(string name) => Cases.Single(v => v.GetProperty("name").GetString() == name);

    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors)
        {
            data.Add(v.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var v in Cases)
        {
            data.Add(v.GetProperty("name").GetString()!);
        }

        return data;
    }

    /// <summary>The body bytes, from bodyBase64 or the generator; checked against bodyLength and bodySha256.</summary>
    public static byte[] Body(JsonElement vector)
    {
        byte[] body;
        if (vector.TryGetProperty("bodyGenerator", out var generator))
        {
            var pattern = Encoding.UTF8.GetBytes(generator.GetProperty("repeat").GetString()!);
            var length = generator.GetProperty("length").GetInt32();
            body = new byte[length];
            for (var i = 0; i < length; i++)
            {
                body[i] = pattern[i % pattern.Length];
            }
        }
        else
        {
            body = Convert.FromBase64String(vector.GetProperty("bodyBase64").GetString()!);
            if (vector.GetProperty("body").GetString() is { } text)
            {
                Assert.Equal(text, Encoding.UTF8.GetString(body));
            }
        }

        Assert.Equal(vector.GetProperty("bodyLength").GetInt32(), body.Length);
        Assert.Equal(vector.GetProperty("bodySha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(body)));
        return body;
    }

    public static WebhookSecret[] Secrets(JsonElement secrets) =>
        secrets.EnumerateArray().Select(s => WebhookSecret.Parse(s.GetString()!)).ToArray();

    public static Dictionary<string, string> Headers(JsonElement headers) =>
        headers.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);

    public static DateTimeOffset Time(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);
}
