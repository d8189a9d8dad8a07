namespace Ordinavo.Webhooks.Cli;

/// <summary>The exit codes of <c>ordinavo-webhooks</c> (documented in the package README).</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>trigger</c>, every answer was 2xx; for <c>verify</c>, the request is valid.</summary>
    public const int Success = 0;

    /// <summary>A failure: an answer was not 2xx, an endpoint was unreachable, a file could not be read.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: unknown option, missing value, no secret, plain HTTP to a remote host.</summary>
    public const int Usage = 2;

    /// <summary><c>verify</c>: a required header is missing.</summary>
    public const int MissingHeader = 3;

    /// <summary><c>verify</c>: a header is malformed.</summary>
    public const int MalformedHeader = 4;

    /// <summary><c>verify</c>: the timestamp is further from now than the tolerance.</summary>
    public const int TimestampOutsideTolerance = 5;

    /// <summary><c>verify</c>: no signature entry matches any secret (wrong secret, or a changed body without <c>--original</c>).</summary>
    public const int NoMatchingSignature = 6;

    /// <summary><c>verify --original</c>: the body is the original JSON value with other bytes (re-serialized).</summary>
    public const int BodyReserialized = 7;

    /// <summary><c>verify --original</c>: the body is a different JSON value than the original (modified).</summary>
    public const int BodyModified = 8;
}
