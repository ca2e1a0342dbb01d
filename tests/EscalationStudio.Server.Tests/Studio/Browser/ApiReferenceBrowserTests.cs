using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>The interactive API reference (Scalar) under its Content-Security-Policy, in headless Chromium.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class ApiReferenceBrowserTests(StudioServer server, StudioBrowser browser) : IClassFixture<StudioBrowser>
{
    [ChromiumFact]
    public async Task The_API_reference_renders_without_the_browser_refusing_anything()
    {
        var page = await browser.NewPageAsync();
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);

        var response = await page.GotoAsync(new Uri(server.BaseAddress, "scalar/").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("text=Escalation Studio API").First.WaitForAsync();
        await page.GetByText("/api/tickets").First.WaitForAsync();

        Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }
}
