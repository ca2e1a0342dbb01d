namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>
/// A test that drives Debian's Chromium. Skipped, with the reason, on a machine without it; .ci/run installs it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(StudioBrowser.ChromiumPath))
        {
            Skip = $"Chromium is not installed at {StudioBrowser.ChromiumPath} (apt-get install -y chromium, or set ESCALATION_TEST_CHROMIUM); .ci/run installs it.";
        }
    }
}
