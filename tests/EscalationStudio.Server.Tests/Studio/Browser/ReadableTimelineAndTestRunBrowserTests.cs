using System.Net.Http.Json;
using EscalationStudio.Policies.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>
/// In headless Chromium: the desk's timeline names the policy and step that moved a case, and a test run on a copy of
/// a real ticket takes an injected customer reply and shows the same run after a reload.
/// </summary>
[Collection(TestRunServerCollection.Name)]
public sealed class ReadableTimelineAndTestRunBrowserTests(StudioServer server, StudioBrowser browser) : IClassFixture<StudioBrowser>
{
    [ChromiumFact]
    public async Task The_desk_timeline_names_the_policy_and_step_that_escalated_the_case()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        using var created = await client.PostAsJsonAsync("api/tickets", new
        {
            subject = "Lawyer letter about the contract",
            description = "Our lawyer is preparing a lawsuit over the contract terms.",
            requester = new { name = "Aino Virtanen", email = $"aino.{Guid.NewGuid():N}@example.com", organisation = "Virtanen Oy", lifetimeValue = 800m, vip = false },
            channel = "email",
        });
        var ticketId = (await created.ReadObjectAsync()).Id();
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        var page = await browser.NewPageAsync();
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);

        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await page.GotoAsync(new Uri(server.BaseAddress, $"desk/tickets/{ticketId}").ToString());
        var move = page.Locator("li.timeline-item.move:has-text(\"Escalated Tier 1 — Frontline → Retention\")");
        await move.WaitForAsync();

        var text = await move.InnerTextAsync();
        Assert.Contains("decided by policy \"Retention fast lane\" v1, step \"To retention\"", text, StringComparison.Ordinal);
        Assert.Contains("policy \"Retention fast lane\"", await move.Locator(".when").InnerTextAsync(), StringComparison.Ordinal);
        var timeline = await page.Locator("ol.timeline").InnerTextAsync();
        Assert.DoesNotContain("policy:retention-fast-lane", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("ToRetention", timeline, StringComparison.Ordinal);
        Assert.Contains("Briefing from policy \"Retention fast lane\"", timeline, StringComparison.Ordinal);
        await StudioBrowser.ScreenshotAsync(page, "desk-readable-names");
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }

    [ChromiumFact]
    public async Task A_test_run_on_a_copied_ticket_takes_an_injected_reply_and_a_reload_shows_the_same_run()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var real = await TestRunEventsTests.QuietTicketAsync(client);
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        var realTimeline = await client.GetStringAsync($"api/tickets/{real}/timeline");
        var page = await browser.NewPageAsync();
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);

        // From the desk's ticket page to the run list with the ticket filled in.
        await page.GotoAsync(new Uri(server.BaseAddress, $"desk/tickets/{real}").ToString());
        await page.ClickAsync("#test-run-copy");
        await StudioBrowser.WaitForPageAsync(page, url => url.Contains("/studio/runs?ticket=", StringComparison.Ordinal));
        Assert.Equal(real, await page.InputValueAsync("#run-ticket"));
        await page.SelectOptionAsync("#run-policy", "retention-fast-lane");
        await page.FillAsync("#run-for", "1h");
        await page.ClickAsync("#start-run");
        await StudioBrowser.WaitForPageAsync(page, url => url.Contains("/studio/runs/", StringComparison.Ordinal) && !url.Contains('?', StringComparison.Ordinal));
        var runUrl = page.Url;
        Assert.Contains("did not start", await page.Locator("#run-status").InnerTextAsync(), StringComparison.Ordinal);

        await page.SelectOptionAsync("#inject-kind", "customer-reply");
        await page.FillAsync("#inject-value", "Fix it today or I cancel the subscription.");
        await page.FillAsync("#inject-wait", "1m");
        await page.ClickAsync("#inject-submit");
        await page.Locator("#run-timeline td:has-text(\"Escalated Tier 1 — Frontline\")").WaitForAsync();
        Assert.Equal(runUrl, page.Url);
        Assert.Contains("policy \"Retention fast lane\", step \"To retention\"",
            await page.Locator("#run-timeline tr:has-text(\"Escalated Tier 1 — Frontline\")").InnerTextAsync(), StringComparison.Ordinal);

        await page.ReloadAsync();

        Assert.Equal(runUrl, page.Url);
        Assert.Contains("Retention", await page.Locator("#run-timeline td:has-text(\"Escalated Tier 1 — Frontline\")").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("I cancel the subscription", await page.Locator("#run-injected").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Running", await page.Locator("#run-status").InnerTextAsync(), StringComparison.Ordinal);
        await StudioBrowser.ScreenshotAsync(page, "test-run-injected-reload");
        Assert.Equal(realTimeline, await client.GetStringAsync($"api/tickets/{real}/timeline"));
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }
}
