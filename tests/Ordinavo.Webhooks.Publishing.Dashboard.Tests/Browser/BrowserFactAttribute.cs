namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Browser;

/// <summary>A test that needs the machine's Chromium: skipped with <see cref="Chromium.SkipReason"/> when it is missing (never under CI=true).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
