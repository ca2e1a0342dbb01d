using System.Net;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Desk;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>The SLA an agent sees on the inbox and the ticket page: the breach ahead, counted down, from the live policy.</summary>
public sealed class DeskSlaTests
{
    [Fact]
    public async Task Inbox_and_ticket_page_count_down_to_the_breach_not_to_the_policys_next_warning()
    {
        // first-response-ladder: 4 business hours, warnings at 50, 75 and 90 %; opened Monday 10:00 Berlin, due 14:00.
        await using var server = new FirstResponseLadderServer();
        var ticket = Guid.Parse((await server.Admin().CreateTicketAsync(subject: "Cannot log in", email: "countdown@example.com")).Id());
        await server.SettleAsync();
        Assert.Equal(new SlaState("first-response breach in 4h 00m", SlaLevel.Running), await InboxSlaAsync(server, ticket));
        Assert.Equal(new SlaState("first-response breach in 4h 00m", SlaLevel.Running), await PageSlaAsync(server, ticket));

        // Past the 50 % warning: the next point is the 75 % warning at 1h, but the agent is told the breach's 1h 50m.
        await server.AdvanceAsync(TimeSpan.FromMinutes(130), TimeSpan.FromMinutes(2));
        Assert.Equal(new SlaState("first-response breach in 1h 50m", SlaLevel.Warning), await InboxSlaAsync(server, ticket));
        Assert.Equal(new SlaState("first-response breach in 1h 50m", SlaLevel.Warning), await PageSlaAsync(server, ticket));
    }

    [Fact]
    public async Task While_the_ticket_waits_on_the_customer_the_clock_shows_paused_and_counts_down_again_with_the_pause_added()
    {
        // first-response-ladder pauses while the ticket is pending; the timer arms nothing while paused, so its bookmark
        // still holds the breach as it stood, and only the ticket's status tells the desk the clock stands still.
        await using var server = new FirstResponseLadderServer();
        var admin = server.Admin();
        var ticket = Guid.Parse((await admin.CreateTicketAsync(subject: "Cannot log in", email: "paused@example.com")).Id());
        await server.SettleAsync();
        await server.AdvanceAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket}/status", new { status = "pending", note = "Waiting for the customer's logs" })).StatusCode);
        await server.SettleAsync();
        await server.AdvanceAsync(TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(2));
        Assert.Equal(new SlaState("first-response paused while pending", SlaLevel.Running), await InboxSlaAsync(server, ticket));
        Assert.Equal(new SlaState("first-response paused while pending", SlaLevel.Running), await PageSlaAsync(server, ticket));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket}/status", new { status = "open" })).StatusCode);
        await server.SettleAsync();
        Assert.Equal(new SlaState("first-response breach in 3h 30m", SlaLevel.Running), await InboxSlaAsync(server, ticket));
    }

    private static async Task<SlaState> InboxSlaAsync(EscalationServer server, Guid ticket) =>
        (await server.Services.GetRequiredService<DeskInbox>().ListAsync(DeskInboxTests.CallerFor(server, EscalationServer.Tier1Agent), new InboxFilter(), CancellationToken.None))
        .Single(r => r.TicketId == ticket).Sla;

    private static async Task<SlaState> PageSlaAsync(EscalationServer server, Guid ticket) => await server.InDeskAsync(async desk =>
    {
        return await server.Services.GetRequiredService<DeskInbox>().SlaAsync((await desk.FindAsync(ticket))!, await desk.GetTimelineAsync(ticket), CancellationToken.None);
    });
}
