namespace Ordinavo.Webhooks.Contracts.Tests.Identifiers;

/// <summary>
/// ULID generation is monotonic across the whole process, so tests that check consecutive values run alone: no other
/// test may generate ids in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UlidCollection
{
    public const string Name = "ULID generation";
}
