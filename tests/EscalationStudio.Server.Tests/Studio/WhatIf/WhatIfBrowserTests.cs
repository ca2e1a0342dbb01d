using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Server.Tests.Policies;
using EscalationStudio.Server.Tests.Studio.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.WhatIf;

/// <summary>A manager in headless Chromium presses What if on a policy's draft and reads the comparison.</summary>
public sealed class WhatIfBrowserTests(KestrelWhatIfServer server, StudioBrowser browser) : IClassFixture<KestrelWhatIfServer>, IClassFixture<StudioBrowser>
{
    [ChromiumFact]
    public async Task A_manager_presses_what_if_on_a_draft_and_follows_a_changed_ticket_to_the_desk()
    {
        using var admin = server.OverHttp(EscalationServer.AdminKey);
        var refund = (await admin.CreateTicketAsync(subject: "Refund please, charged twice", email: "browser.refund@example.com")).Id();
        await admin.CreateTicketAsync(subject: "Where is the invoice export?", email: "browser.plain@example.com");
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        using var manager = server.OverHttp(EscalationServer.ManagerKey);
        await WhatIfServer.SaveDraftAsync(manager, "billing");

        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);
        await StudioBrowser.SignInAsync(page, server.BaseAddress, EscalationServer.ManagerKey);
        await page.GotoAsync(new Uri(server.BaseAddress, "studio").ToString());
        var row = page.Locator($"tr[data-definition-id=\"{WhatIfServer.Policy}\"]");
        await row.Locator("input[name=days]").FillAsync("14");
        await row.Locator("button.what-if-button").ClickAsync();

        await StudioBrowser.WaitForPageAsync(page, url => url.Contains("/studio/what-if/", StringComparison.Ordinal));
        var section = page.Locator("section.what-if[data-state=done]");
        await section.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Contains("last 14 days", await section.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Draft v2 beside published v1", await section.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("1 ticket took another path", await section.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(@"escalation rate\s+\d+\.\d %\s+\d+\.\d %", await section.Locator("tr[data-figure=\"escalation rate\"]").InnerTextAsync());
        var changed = page.Locator($".changed-paths tr[data-ticket-id=\"{refund}\"]");
        // In the org's words, as the desk says it; the API and the CLI keep the ids.
        Assert.Equal("Tier 1 — Frontline → Billing specialists (Retention fast lane)", await changed.Locator("td.path-after").InnerTextAsync());
        Assert.Equal("Tier 1 — Frontline → Retention (Retention fast lane)", await changed.Locator("td.path-before").InnerTextAsync());
        await StudioBrowser.ScreenshotAsync(page, "what-if-done");

        await changed.Locator("a").ClickAsync();
        await StudioBrowser.WaitForPageAsync(page, url => url.EndsWith($"/desk/tickets/{refund}", StringComparison.Ordinal));
        await page.Locator("text=Refund please, charged twice").First.WaitForAsync();
        Assert.Equal("retention", (string?)(await admin.TicketAsync(refund))["tier"]);
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }
}
