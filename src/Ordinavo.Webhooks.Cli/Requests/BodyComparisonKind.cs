namespace Ordinavo.Webhooks.Cli.Requests;

/// <summary>How a received body relates to the original.</summary>
internal enum BodyComparisonKind
{
    /// <summary>Byte for byte the same.</summary>
    Identical,

    /// <summary>The same JSON value with other bytes (white space, key order, escaping).</summary>
    Reserialized,

    /// <summary>A different JSON value (or not JSON).</summary>
    Modified,

    /// <summary>The original is not JSON and the bytes differ.</summary>
    NotComparable,
}
