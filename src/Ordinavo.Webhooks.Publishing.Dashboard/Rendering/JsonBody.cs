using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The stored body of a delivery (the bytes that were signed and sent), indented for reading.</summary>
internal static class JsonBody
{
    /// <summary>
    /// The body indented. Every token is written as it was parsed (numbers keep their text); strings are shown
    /// unescaped (the page encodes them as HTML). Not JSON: the bytes as UTF-8 text.
    /// </summary>
    public static string Pretty(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(body.Span);
        }
    }
}
