using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordinavo.Webhooks.Cli.Requests;

/// <summary>How a received body relates to the original body the sender signed.</summary>
internal sealed class BodyComparison
{
    private static readonly JsonSerializerOptions CompactOptions = new() { WriteIndented = false };

    private BodyComparison(BodyComparisonKind kind, bool whitespaceDiffers, bool keyOrderDiffers)
    {
        Kind = kind;
        WhitespaceDiffers = whitespaceDiffers;
        KeyOrderDiffers = keyOrderDiffers;
    }

    /// <summary>Identical, re-serialized, modified, or not comparable.</summary>
    public BodyComparisonKind Kind { get; }

    /// <summary>For a re-serialized body: the bytes differ in white space (indentation, spaces, line breaks).</summary>
    public bool WhitespaceDiffers { get; }

    /// <summary>For a re-serialized body: the properties are in another order (or strings are escaped otherwise).</summary>
    public bool KeyOrderDiffers { get; }

    /// <summary>A short description for humans.</summary>
    public string Description => Kind switch
    {
        BodyComparisonKind.Identical => "identical to the original, byte for byte",
        BodyComparisonKind.Reserialized => "the same JSON value as the original with other bytes: re-serialized (" +
            string.Join(" and ", new[] { WhitespaceDiffers ? "white space differs" : null, KeyOrderDiffers ? "key order or escaping differs" : null }.OfType<string>()) +
            "); verify the raw bytes as received, before any JSON parsing",
        BodyComparisonKind.Modified => "a different JSON value than the original: the body was modified",
        _ => "the original is not JSON, and the bytes differ",
    };

    /// <summary>Compares <paramref name="body"/> with <paramref name="original"/>.</summary>
    public static BodyComparison Compare(ReadOnlySpan<byte> body, ReadOnlySpan<byte> original)
    {
        if (body.SequenceEqual(original))
        {
            return new(BodyComparisonKind.Identical, false, false);
        }

        var originalNode = TryParse(original);
        if (originalNode is null)
        {
            return new(BodyComparisonKind.NotComparable, false, false);
        }

        var bodyNode = TryParse(body);
        if (bodyNode is null)
        {
            return new(BodyComparisonKind.Modified, false, false);
        }

        if (Canonical(bodyNode) != Canonical(originalNode))
        {
            return new(BodyComparisonKind.Modified, false, false);
        }

        var sameOrder = bodyNode.ToJsonString(CompactOptions) == originalNode.ToJsonString(CompactOptions);
        // Same value, same order, other bytes: white space (or escaping) is all that differs.
        var whitespace = sameOrder || CountWhitespace(body) != CountWhitespace(original);
        return new(BodyComparisonKind.Reserialized, whitespace, !sameOrder);
    }

    private static JsonNode? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return JsonNode.Parse(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null; // duplicate property names
        }
    }

    /// <summary>The value with every object's properties sorted by name, compact: equal for the same JSON value.</summary>
    private static string Canonical(JsonNode node) => Sort(node)?.ToJsonString(CompactOptions) ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static byte[] WithoutWhitespace(ReadOnlySpan<byte> json)
    {
        var result = new List<byte>(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                result.Add(b);
                if (b == (byte)'\\' && i + 1 < json.Length)
                {
                    result.Add(json[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                inString = b == (byte)'"';
                result.Add(b);
            }
        }

        return [.. result];
    }

    private static int CountWhitespace(ReadOnlySpan<byte> json) => json.Length - WithoutWhitespace(json).Length;
}
