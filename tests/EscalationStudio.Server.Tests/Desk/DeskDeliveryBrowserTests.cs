using System.Net;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Tests.Delivery;
using EscalationStudio.Server.Tests.Studio.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>
/// The desk in headless Chromium on a server that delivers: briefings by e-mail to a real SMTP server on loopback and
/// to a chat webhook (Kestrel on 127.0.0.1) that fails once. The ticket page shows where each went and how far it got,
/// live; the inbox and the ticket page work from the keyboard alone, every field has a label, and opening a case
/// clears its unread mark.
/// </summary>
public sealed class DeskDeliveryBrowserTests(StudioBrowser browser) : IClassFixture<StudioBrowser>, IAsyncLifetime
{
    private readonly LoopbackSmtp _smtp = new();
    private WebhookReceiver _chat = null!;
    private KestrelEscalationServer _server = null!;

    public async Task InitializeAsync()
    {
        _chat = await WebhookReceiver.StartAsync();
        _chat.Answer = call => call == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        _server = new KestrelEscalationServer();
        _server.Settings.SendEmailTo(_smtp);
        _server.Settings["Escalation:Delivery:Chat:Webhooks:tier-2-room:Url"] = _chat.Url("services/T000/B000/secret-token").ToString();
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _chat.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [ChromiumFact]
    public async Task The_ticket_page_shows_each_delivery_s_state_and_attempts_and_follows_the_retry_live()
    {
        var ticket = await BriefedCaseAsync("Invoice charged twice");
        await Receivers.UntilAsync(() => _smtp.Messages.Count >= 2 && _chat.Calls.Count == 1, "the e-mails and the failing chat post");
        var page = await SignedInPageAsync();

        await page.GotoAsync(new Uri(_server.BaseAddress, $"desk/tickets/{ticket}").ToString());
        await page.Locator("section.actions[data-live=true]").WaitForAsync();
        var notification = page.Locator("li.timeline-item.notification");
        await notification.Locator(".delivery-retrying").WaitForAsync();

        Assert.Contains("Briefing sent", await notification.Locator(".title").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("delivered by e-mail to katrin.vogel@brightline.example (attempt 1", await notification.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("delivered by e-mail to tier-2@brightline.example (attempt 1", await notification.InnerTextAsync(), StringComparison.Ordinal);
        var retrying = await notification.Locator(".delivery-retrying").InnerTextAsync();
        Assert.Contains("failed attempt 1 (chat webhook tier-2-room)", retrying, StringComparison.Ordinal);
        Assert.Contains("503", retrying, StringComparison.Ordinal);
        Assert.Contains("next attempt 2026-11-23", retrying, StringComparison.Ordinal);
        Assert.Contains("failed (attempt 1)", await page.Locator("li.timeline-item.delivery-failed").InnerTextAsync(), StringComparison.Ordinal);
        await StudioBrowser.ScreenshotAsync(page, "desk-delivery-retrying");

        // The retry falls due on the server's clock; the open page hears the attempt's entry and shows it.
        _server.Clock.Advance(TimeSpan.FromSeconds(30));

        await notification.Locator(".delivery-delivered:has-text(\"chat webhook tier-2-room (attempt 2\")").WaitForAsync();
        Assert.Equal(0, await notification.Locator(".delivery-retrying").CountAsync());
        Assert.Equal(3, await page.Locator("li.timeline-item.delivery").CountAsync());
        Assert.DoesNotContain("secret-token", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, _chat.Calls.Count);
        await StudioBrowser.ScreenshotAsync(page, "desk-delivery-delivered");
    }

    [ChromiumFact]
    public async Task An_agent_works_the_inbox_and_ticket_page_from_the_keyboard_every_field_is_labelled_and_opening_clears_unread()
    {
        var ticket = await BriefedCaseAsync("Keyboard only, please");
        var page = await SignedInPageAsync();
        var row = page.Locator($"tr[data-ticket-id=\"{ticket}\"]");
        await row.WaitForAsync();
        await page.Locator(".toolbar[data-live=true]").WaitForAsync();
        Assert.Equal(1, await row.Locator(".unread-mark").CountAsync());
        Assert.Equal("unread", await row.Locator(".unread-mark .sr-only").InnerTextAsync());
        Assert.Empty(await UnlabelledFieldsAsync(page));

        // Tab reaches the filters and the case; Enter opens it.
        var inboxStops = await TabStopsAsync(page, until: $"a.case-link[href=\"/desk/tickets/{ticket}\"]");
        Assert.Contains("filter-tier", inboxStops);
        Assert.Contains("filter-priority", inboxStops);
        await page.Keyboard.PressAsync("Enter");
        await StudioBrowser.WaitForPageAsync(page, url => url.EndsWith($"/desk/tickets/{ticket}", StringComparison.Ordinal));
        await page.Locator("section.actions[data-live=true]").WaitForAsync();

        Assert.Empty(await UnlabelledFieldsAsync(page));
        var stops = await TabStopsAsync(page, until: "#solve");
        string[] actions = ["message-body", "send-reply", "add-note", "approval-kind", "approval-amount", "approval-note", "approve", "reject",
            "hand-back-tier", "hand-back-note", "hand-back", "escalate-tier", "escalate-reason", "escalate", "reassign-agent", "reassign", "priority", "set-priority", "solve"];
        Assert.All(actions, id => Assert.Contains(id, stops));

        // An internal note written and added without the mouse.
        await page.FocusAsync("#message-body");
        await page.Keyboard.TypeAsync("Checked the card statement.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("add-note", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#outcome:has-text(\"Note added.\")").WaitForAsync();
        await page.Locator("li.timeline-item.note:has-text(\"Checked the card statement.\")").WaitForAsync();

        // Back in the inbox the case is read, until someone else adds to it.
        await page.GotoAsync(new Uri(_server.BaseAddress, "desk").ToString());
        await page.Locator(".toolbar[data-live=true]").WaitForAsync();
        await row.WaitForAsync();
        Assert.Equal(0, await row.Locator(".unread-mark").CountAsync());
        await _server.InDeskAsync(desk => desk.AddMessageAsync(ticket, MessageKind.Customer, "Any news?", Actor.System));
        await row.Locator(".unread-mark").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await StudioBrowser.ScreenshotAsync(page, "desk-inbox-unread-again");
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);
        await StudioBrowser.SignInThroughAsync(page, _server.BaseAddress, "desk", EscalationServer.Tier2AgentKey);
        return page;
    }

    /// <summary>A case escalated to Katrin with the briefing a policy writes: the note, then the entry that sends it.</summary>
    private async Task<Guid> BriefedCaseAsync(string subject)
    {
        var ticket = await _server.InDeskAsync(desk => desk.CreateAsync(
            new NewTicket(subject, "Two identical charges.", new NewTicketRequester("Maria Lopez", $"maria.{Guid.NewGuid():N}@example.com"), TicketChannel.Email),
            Actor.System));
        await _server.InDeskAsync(desk => desk.EscalateAsync(ticket.Id, "tier-2", EscalationServer.Tier2Agent, "refund above the tier-1 cap", Actor.Policy("billing")));
        var noted = await _server.InDeskAsync(desk => desk.AddInternalNoteAsync(ticket.Id,
            "## Why this case came to you\nRefund of **120** above tier-1's cap.", Actor.Policy("billing")));
        await _server.InDeskAsync(desk => desk.AddTimelineEntryAsync(ticket.Id, DeliveryPlan.BriefingSentKind, "briefing 'tier-2' sent",
            Actor.Policy("billing"), new Dictionary<string, string> { [TicketEventData.MessageId] = noted.Messages[^1].Id.ToString() }));
        return ticket.Id;
    }

    /// <summary>Presses Tab from the top of the page until <paramref name="until"/> has the focus; answers the ids focused on the way.</summary>
    private static async Task<List<string>> TabStopsAsync(IPage page, string until)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var stops = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", until))
            {
                stops.Add(await page.EvaluateAsync<string>("document.activeElement.id"));
                return stops;
            }

            stops.Add(await page.EvaluateAsync<string>("document.activeElement?.id ?? ''"));
        }

        throw new Xunit.Sdk.XunitException($"'{until}' never got the focus by Tab; focused on the way: {string.Join(", ", stops)}");
    }

    /// <summary>Visible inputs, selects, text areas and buttons without an accessible name.</summary>
    private static async Task<string[]> UnlabelledFieldsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button')]
                .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')
                    && !(e.tagName === 'BUTTON' && e.innerText.trim()))
                .map(e => e.outerHTML.slice(0, 120))
            """);
}
