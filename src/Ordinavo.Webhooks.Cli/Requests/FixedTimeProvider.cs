using System;

namespace Ordinavo.Webhooks.Cli.Requests;

/// <summary>A clock that always reads one time: checks a signature apart from the timestamp's age.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
