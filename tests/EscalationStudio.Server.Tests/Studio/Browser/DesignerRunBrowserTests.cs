using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>▶ Run in the real designer: a sandboxed test run whose timeline the manager can open afterwards.</summary>
[Collection(TestRunServerCollection.Name)]
public sealed class DesignerRunBrowserTests(StudioServer server, StudioBrowser browser) : IClassFixture<StudioBrowser>
{
    private const string RunButton = "button.mud-success-text";

    [ChromiumFact]
    public async Task Pressing_Run_test_runs_the_policy_and_its_run_page_shows_the_escalation()
    {
        var page = await browser.NewPageAsync();
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "retention-fast-lane", "MoneyOrLaw");

        var run = await page.RunAndWaitForResponseAsync(() => page.Locator(RunButton).First.ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/workflow-definitions/retention-fast-lane/execute", StringComparison.Ordinal));

        Assert.Equal(200, run.Status);
        var instanceId = await run.HeaderValueAsync("x-elsa-workflow-instance-id");
        Assert.False(string.IsNullOrEmpty(instanceId));
        await StudioBrowser.ScreenshotAsync(page, "designer-run");

        await page.GotoAsync(new Uri(server.BaseAddress, $"studio/runs/{instanceId}").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("td:has-text(\"Escalated Tier 1 — Frontline\")").First.WaitForAsync();
        Assert.Contains("Retention", await page.Locator("td:has-text(\"Escalated Tier 1 — Frontline\")").First.InnerTextAsync(), StringComparison.Ordinal);
        await StudioBrowser.ScreenshotAsync(page, "designer-run-page");
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }
}
