using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Desk;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>How the ticket page puts a policy's notes into words, read from the server's own desk.</summary>
public sealed class TicketTimelineViewTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    [Fact]
    public async Task Moves_name_the_tiers_and_agents_as_the_briefings_do_and_an_unknown_id_as_it_was_recorded()
    {
        var requester = new NewTicketRequester("Kim Park", $"kim.{Guid.NewGuid():N}@example.com");
        var ticket = await server.InDeskAsync(desk => desk.CreateAsync(new NewTicket("Sync stuck", "", requester, TicketChannel.Email), Actor.User("admin")));
        ticket = await server.InDeskAsync(desk => desk.EscalateAsync(ticket.Id, "tier-2", EscalationServer.Tier2Agent, "needs tier 2", Actor.User("admin")));
        var timeline = await server.InDeskAsync(desk => desk.GetTimelineAsync(ticket.Id));
        var org = server.Services.GetRequiredService<IOrgDirectorySource>().Current;

        var named = TicketTimelineView.Of(ticket, timeline, org: org);
        var bare = TicketTimelineView.Of(ticket, timeline, org: OrgDirectory.Empty);

        Assert.Contains(named, i => i.Title == "Escalated Tier 1 — Frontline → Tier 2 — Technical support (Katrin Vogel)");
        Assert.Contains("priority normal, email, in Tier 1 — Frontline", named[0].Details);
        Assert.Contains(bare, i => i.Title == $"Escalated tier-1 → tier-2 ({EscalationServer.Tier2Agent})");
    }

    [Fact]
    public async Task A_customer_note_reads_in_its_paragraphs_under_a_short_title_while_a_briefing_receipt_stays_one_line()
    {
        var requester = new NewTicketRequester("Kim Park", $"kim.{Guid.NewGuid():N}@example.com");
        var ticket = await server.InDeskAsync(desk => desk.CreateAsync(new NewTicket("Refund please", "", requester, TicketChannel.Email), Actor.User("admin")));
        var policy = Actor.Policy("retention-fast-lane");
        var note = "Hello Kim Park,\n\nwe have passed your case to our <b>Retention</b> team.\n\nKind regards,\nYour support team";
        await server.InDeskAsync(desk => desk.AddTimelineEntryAsync(ticket.Id, DeliveryPlan.CustomerNotificationKind, note, policy,
            new Dictionary<string, string> { ["template"] = "customer/case-escalated" }));
        await server.InDeskAsync(desk => desk.AddTimelineEntryAsync(ticket.Id, DeliveryPlan.BriefingSentKind, "briefing 'agent/escalation-briefing' sent", policy));
        var timeline = await server.InDeskAsync(desk => desk.GetTimelineAsync(ticket.Id));

        var items = TicketTimelineView.Of(ticket, timeline);

        var notified = items.Single(i => i.Title == "Customer notified");
        Assert.Equal("notification", notified.Kind);
        Assert.Contains("template: customer/case-escalated", notified.Details);
        var body = notified.Body!.Value.Value;
        Assert.Contains("<p>Hello Kim Park,</p>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Retention&lt;/b&gt;", body, StringComparison.Ordinal);
        Assert.Single(items, i => i.Title == "Briefing sent: briefing 'agent/escalation-briefing' sent" && i.Body is null);
    }
}
