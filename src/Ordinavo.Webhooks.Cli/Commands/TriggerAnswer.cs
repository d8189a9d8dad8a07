using System;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary>How the endpoint answered one request of <c>trigger</c>.</summary>
/// <param name="Status">The HTTP status, or 0 when there was no answer.</param>
/// <param name="Outcome">The <c>outcome</c> of a JSON answer, else the reason phrase.</param>
/// <param name="Error">Why there was no answer (unreachable, timeout), or <see langword="null"/>.</param>
/// <param name="Elapsed">From sending to the end of the answer.</param>
internal sealed record TriggerAnswer(int Status, string? Outcome, string? Error, TimeSpan Elapsed)
{
    /// <summary>Whether the answer was 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;
}
