using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// Reads an admin request body: at most <see cref="MaxBytes"/>, JSON only, and checked against the request type's
/// contract before it is bound, so every unknown member, missing required member and wrong value is reported by
/// field (the serializer alone stops at the first problem and words it for developers).
/// </summary>
internal static class AdminBodyReader
{
    public const int MaxBytes = 64 * 1024;

    private const int MaxReportedNameLength = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<AdminBodyResult<T>> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, bool required, CancellationToken cancellationToken)
        where T : class
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes)
        {
            return new(null, AdminProblems.PayloadTooLarge(MaxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length > MaxBytes)
            {
                return new(null, AdminProblems.PayloadTooLarge(MaxBytes));
            }

            var bytes = buffer.AsMemory(0, length);
            if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                return required ? new(null, AdminProblems.MalformedJson("A JSON body is required.")) : new(null, null);
            }

            if (!request.HasJsonContentType())
            {
                return new(null, AdminProblems.UnsupportedMediaType());
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes, DocumentOptions);
            }
            catch (JsonException exception)
            {
                return new(null, AdminProblems.MalformedJson(
                    $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})."));
            }

            using (document)
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                CheckShape(document.RootElement, typeInfo, string.Empty, errors);
                if (errors.Count > 0)
                {
                    return new(null, AdminProblems.Validation(errors));
                }

                try
                {
                    var value = document.RootElement.Deserialize(typeInfo);
                    return value is null ? new(null, AdminProblems.MalformedJson("The body must be a JSON object.")) : new(value, null);
                }
                catch (JsonException exception)
                {
                    var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
                    return new(null, AdminProblems.Validation(field, "The value has the wrong type or format."));
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, AdminProblems.PayloadTooLarge(MaxBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckShape(JsonElement element, JsonTypeInfo typeInfo, string path, Dictionary<string, string[]> errors)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[path.Length == 0 ? "body" : path] = ["Must be a JSON object."];
            return;
        }

        var comparison = typeInfo.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var seen = new HashSet<JsonPropertyInfo>();
        foreach (var member in element.EnumerateObject())
        {
            var property = typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, member.Name, comparison));
            if (property is null)
            {
                errors[Join(path, Printable(member.Name))] = ["Unknown member."];
                continue;
            }

            seen.Add(property);
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                CheckShape(member.Value, typeInfo.Options.GetTypeInfo(property.PropertyType), Join(path, property.Name), errors);
            }
        }

        foreach (var property in typeInfo.Properties.Where(p => p.IsRequired && !seen.Contains(p)))
        {
            errors[Join(path, property.Name)] = ["Required."];
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // The unknown member's name is the client's own input: echoed only when short and printable.
    private static string Printable(string name) =>
        name.Length is > 0 and <= MaxReportedNameLength && name.All(c => c is >= ' ' and <= '~') ? name : "(unprintable member name)";
}
