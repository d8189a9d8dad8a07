namespace Ordinavo.Webhooks.Publishing.Tests.Support;

/// <summary>Waits on the real clock for a condition that other threads (the running engine) make true.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 10 ms for up to 10 s.</summary>
    /// <returns>Whether the condition became true in time.</returns>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
