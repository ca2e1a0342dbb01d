using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Tests.Studio.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>
/// A tier-2 agent at the desk in headless Chromium: signs in, finds an escalated case with its briefing in the inbox,
/// approves within the cap and is refused beyond it with the reason, hands the case back down, and sees a new
/// escalation appear while the inbox is open.
/// </summary>
public sealed class DeskBrowserTests(KestrelEscalationServer server, StudioBrowser browser) : IClassFixture<KestrelEscalationServer>, IClassFixture<StudioBrowser>
{
    private const string Briefing = """
        ## Why this case came to you
        Customer wants a **refund of 120** for a double charge; tier-1's cap is 50.

        - Already tried: card statement checked
        - SLA: 3h left
        """;

    [ChromiumFact]
    public async Task An_agent_reads_the_briefing_approves_within_the_cap_is_refused_beyond_it_and_hands_the_case_back()
    {
        var ticketId = await EscalatedToKatrinAsync("Charged twice for November");
        await server.InDeskAsync(desk => desk.AddInternalNoteAsync(ticketId, Briefing, Actor.Policy("billing-briefing")));
        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);
        var outside = WatchOutsideRequests(page);

        await SignInToDeskAsync(page);
        var row = page.Locator($"tr[data-ticket-id=\"{ticketId}\"]");
        await row.WaitForAsync();
        Assert.Contains("escalated to you", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Why this case came to you · Customer wants a refund of 120", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await row.Locator(".unread-mark").CountAsync());

        await row.Locator("a.case-link").ClickAsync();
        await page.Locator("section.actions[data-live=true]").WaitForAsync();
        var briefing = page.Locator("li.timeline-item.briefing");
        Assert.Equal("refund of 120", await briefing.Locator("strong").InnerTextAsync());
        Assert.Contains("decided by hand", await page.Locator("li.timeline-item.move").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("refunds up to 250", await page.Locator("#authority").InnerTextAsync(), StringComparison.Ordinal);
        await StudioBrowser.ScreenshotAsync(page, "desk-ticket");

        await page.FillAsync("#approval-amount", "120");
        await page.ClickAsync("#approve");
        await Expect(page.Locator("#outcome"), "Approved refund.");
        await page.Locator("li.timeline-item.approval:has-text(\"Approved refund of 120\")").WaitForAsync();

        await page.FillAsync("#approval-amount", "400");
        await Expect(page.Locator("#approval-hint"), "refund of 400 exceeds the refund cap of 250");
        await page.ClickAsync("#approve");
        await Expect(page.Locator("#outcome [role=alert], #outcome"), "Beyond your authority level");
        Assert.Contains("refund of 400 exceeds the refund cap of 250", await page.Locator("#outcome").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("li.timeline-item.approval:has-text(\"of 400\")").CountAsync());

        await page.FillAsync("#hand-back-note", "Refund of 120 approved and sent; tier-1 confirms with the customer.");
        await page.ClickAsync("#hand-back");
        await Expect(page.Locator("#outcome"), "Handed back to Tier 1 — Frontline.");
        var handBack = page.Locator("li.timeline-item.move:has-text(\"Handed back Tier 2 — Technical support → Tier 1 — Frontline\")");
        await handBack.WaitForAsync();
        Assert.Contains("hand-back note: Refund of 120 approved and sent; tier-1 confirms with the customer.", await handBack.InnerTextAsync(), StringComparison.Ordinal);
        await StudioBrowser.ScreenshotAsync(page, "desk-ticket-handed-back");

        var timeline = await server.InDeskAsync(desk => desk.GetTimelineAsync(ticketId));
        Assert.Single(timeline, e => e.Type == TicketEventType.ApprovalGranted && e[TicketEventData.Amount] == "120" && e.Actor == Actor.Agent(EscalationServer.Tier2Agent));
        Assert.Single(timeline, e => e.Type == TicketEventType.DeEscalated && e[TicketEventData.To] == "tier-1");
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
        Assert.True(outside.Count == 0, string.Join(Environment.NewLine, outside));
    }

    [ChromiumFact]
    public async Task A_case_escalated_while_the_inbox_is_open_appears_without_reloading()
    {
        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);
        await SignInToDeskAsync(page);
        await page.Locator(".toolbar[data-live=true]").WaitForAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        var ticketId = await EscalatedToKatrinAsync("Printer on fire, needs tier-2");

        await page.Locator($"tr[data-ticket-id=\"{ticketId}\"]").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Equal(0, navigations);
        Assert.Contains("Printer on fire", await page.Locator("table tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        await StudioBrowser.ScreenshotAsync(page, "desk-inbox-live");
    }

    [ChromiumFact]
    public async Task On_a_1366_by_768_laptop_screen_the_filters_narrow_the_inbox_live_and_nothing_overflows_sideways()
    {
        var urgent = await EscalatedToKatrinAsync("Urgent: checkout fails for every customer");
        var normal = await EscalatedToKatrinAsync("Normal: invoice address typo");
        using (var admin = server.OverHttp(EscalationServer.AdminKey))
        {
            (await admin.PostAsJsonAsync($"api/tickets/{urgent}/priority", new JsonObject { ["priority"] = "urgent" })).EnsureSuccessStatusCode();
        }

        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        page.Context.SetDefaultTimeout(30_000);
        var outside = WatchOutsideRequests(page);
        await SignInToDeskAsync(page);
        await page.Locator(".toolbar[data-live=true]").WaitForAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        Assert.Equal(1366, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        await page.SelectOptionAsync("#filter-priority", "urgent");
        await page.Locator($"tr[data-ticket-id=\"{normal}\"]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(1, await page.Locator($"tr[data-ticket-id=\"{urgent}\"]").CountAsync());
        Assert.All(await page.Locator(".inbox tbody tr .chip[class*=priority-]").AllInnerTextsAsync(), p => Assert.Equal("urgent", p));
        await page.SelectOptionAsync("#filter-priority", "");
        await page.Locator($"tr[data-ticket-id=\"{normal}\"]").WaitForAsync();
        Assert.Equal(0, navigations);
        await StudioBrowser.ScreenshotAsync(page, "desk-inbox-laptop");

        await page.Locator($"tr[data-ticket-id=\"{urgent}\"] a.case-link").ClickAsync();
        await page.Locator("section.actions[data-live=true]").WaitForAsync();
        Assert.Equal(1366, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        // The first screen shows the case, the start of its timeline and the actions with the agent's authority.
        foreach (var selector in new[] { "h1", "li.timeline-item", "#actions-heading", "#authority" })
        {
            var box = await page.Locator(selector).First.BoundingBoxAsync();
            Assert.True(box is { Y: >= 0 } && box.Y + box.Height <= 768 && box.X + box.Width <= 1366, $"{selector} is not on the first screen: {box?.X},{box?.Y} {box?.Width}x{box?.Height}");
        }

        Assert.True(await page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('li.timeline-item')).fontSize)") >= 13);
        await StudioBrowser.ScreenshotAsync(page, "desk-ticket-laptop");
        Assert.True(outside.Count == 0, string.Join(Environment.NewLine, outside));
    }

    [ChromiumFact]
    public async Task A_case_with_a_specialist_group_offers_to_hand_it_back_to_the_tier_it_came_from()
    {
        using var admin = server.OverHttp(EscalationServer.AdminKey);
        using var created = await admin.PostAsJsonAsync("api/tickets", new JsonObject
        {
            ["subject"] = "Invoice shows the wrong VAT number",
            ["requester"] = new JsonObject { ["name"] = "Jo Park", ["email"] = $"jo.{Guid.NewGuid():N}@example.com" },
        });
        created.EnsureSuccessStatusCode();
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        (await admin.PostAsJsonAsync($"api/tickets/{id}/escalate", new JsonObject { ["reason"] = "Invoices are billing's", ["tier"] = "billing" })).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);

        await StudioBrowser.SignInThroughAsync(page, server.BaseAddress, $"desk/tickets/{id}", EscalationServer.AdminKey);
        await page.Locator("section.actions[data-live=true]").WaitForAsync();

        // Billing may hand back to any level of the ladder; the one the case came up from comes first, not the last listed.
        Assert.Contains(await page.Locator("#hand-back-tier option").AllInnerTextsAsync(), o => o.EndsWith("(managers)", StringComparison.Ordinal));
        Assert.Equal("tier-1", await page.Locator("#hand-back-tier").InputValueAsync());
    }

    // Sent to sign in, and back to the desk afterwards.
    private Task SignInToDeskAsync(IPage page) => StudioBrowser.SignInThroughAsync(page, server.BaseAddress, "desk", EscalationServer.Tier2AgentKey);

    private async Task<Guid> EscalatedToKatrinAsync(string subject)
    {
        using var admin = server.OverHttp(EscalationServer.AdminKey);
        using var created = await admin.PostAsJsonAsync("api/tickets", new JsonObject
        {
            ["subject"] = subject,
            ["description"] = "Two identical charges on my card.",
            ["requester"] = new JsonObject { ["name"] = "Jo Park", ["email"] = $"jo.{Guid.NewGuid():N}@example.com" },
        });
        created.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        using var escalated = await admin.PostAsJsonAsync($"api/tickets/{id}/escalate", new JsonObject
        {
            ["reason"] = "Refund above the tier-1 cap",
            ["tier"] = "tier-2",
            ["owner"] = EscalationServer.Tier2Agent,
        });
        escalated.EnsureSuccessStatusCode();
        return id;
    }

    private static async Task Expect(ILocator locator, string text)
    {
        await locator.Filter(new LocatorFilterOptions { HasText = text }).First.WaitForAsync();
    }

    /// <summary>Every request the page makes to a host other than the server's.</summary>
    private List<string> WatchOutsideRequests(IPage page)
    {
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" && url.Authority != server.BaseAddress.Authority)
            {
                lock (outside)
                {
                    outside.Add(request.Url);
                }
            }
        };
        return outside;
    }
}
