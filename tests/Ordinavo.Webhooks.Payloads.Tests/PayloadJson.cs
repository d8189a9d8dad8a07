using System.Text;
using System.Text.Json;

namespace Ordinavo.Webhooks.Payloads.Tests;

/// <summary>Renders the bytes the builder produced as indented JSON (property order kept) for snapshots.</summary>
internal static class PayloadJson
{
    public static string Indented(byte[] utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static JsonElement Parse(byte[] utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        return document.RootElement.Clone();
    }
}
