using System.Net;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Desk;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>What the inbox lists and marks, read through the server's own desk and database.</summary>
public sealed class DeskInboxTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private static readonly Actor Admin = Actor.User("admin");

    [Fact]
    public async Task The_inbox_lists_my_cases_and_my_tier_s_queue_but_not_a_colleague_s_case()
    {
        var mine = await OpenAsync("Mine", EscalationServer.Tier1Agent);
        var queue = await OpenAsync("In the queue", owner: null);
        var colleagues = await OpenAsync("A colleague's", EscalationServer.Tier1Colleague);
        var otherTier = await OpenAsync("Tier-2's queue", owner: null, tier: "tier-2");

        var rows = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter());

        var ids = rows.Select(r => r.TicketId).ToList();
        Assert.Contains(mine, ids);
        Assert.Contains(queue, ids);
        Assert.DoesNotContain(colleagues, ids);
        Assert.DoesNotContain(otherTier, ids);
        Assert.Equal("assigned to you", rows.Single(r => r.TicketId == mine).Why);
        Assert.Equal("Tier 1 — Frontline queue", rows.Single(r => r.TicketId == queue).Why);
    }

    [Fact]
    public async Task An_escalated_case_shows_why_it_came_its_briefing_lines_and_stays_unread_until_the_agent_acts_on_it()
    {
        var id = await OpenAsync("Refund of 120", owner: null);
        await DeskAsync(desk => desk.EscalateAsync(id, "tier-2", EscalationServer.Tier2Agent, "above the tier-1 cap", Admin));
        await DeskAsync(desk => desk.AddInternalNoteAsync(id, "# Refund of **120**\nCustomer <script>x</script> wants it back.\n\nThird line", Actor.Policy("billing")));

        var before = (await InboxOfAsync(EscalationServer.Tier2Agent, new InboxFilter())).Single(r => r.TicketId == id);
        await DeskAsync(desk => desk.AddInternalNoteAsync(id, "Looking at it", Actor.Agent(EscalationServer.Tier2Agent)));
        var after = (await InboxOfAsync(EscalationServer.Tier2Agent, new InboxFilter())).Single(r => r.TicketId == id);

        Assert.Equal("escalated to you", before.Why);
        Assert.Equal("Refund of 120 · Customer <script>x</script> wants it back.", before.Briefing);
        Assert.True(before.Unread);
        Assert.False(after.Unread);
    }

    [Fact]
    public async Task A_case_is_unread_until_the_agent_opens_it_and_again_when_someone_else_adds_to_it_but_not_for_a_delivery_receipt()
    {
        var id = await OpenAsync("Opened, not acted on", owner: null);
        var katrin = Actor.Agent(EscalationServer.Tier2Agent);
        var escalated = await DeskAsync(desk => desk.EscalateAsync(id, "tier-2", EscalationServer.Tier2Agent, "above the tier-1 cap", Admin));
        var marks = server.Services.GetRequiredService<ITicketReadMarks>();
        async Task<bool> UnreadAsync() => (await InboxOfAsync(EscalationServer.Tier2Agent, new InboxFilter())).Single(r => r.TicketId == id).Unread;

        var fresh = await UnreadAsync();
        await marks.MarkReadAsync(katrin, id, escalated.Version);
        var opened = await UnreadAsync();
        await marks.MarkReadAsync(katrin, id, 1);
        var notMovedBack = await UnreadAsync();
        await DeskAsync(desk => desk.AddTimelineEntryAsync(id, Server.Delivery.DeliverySender.SucceededKind, "briefing by e-mail delivered (attempt 1)", Actor.System));
        var afterReceipt = await UnreadAsync();
        await DeskAsync(desk => desk.AddMessageAsync(id, MessageKind.Customer, "Any news?", Actor.System));
        var afterCustomer = await UnreadAsync();
        var colleagueView = await marks.ReadThroughAsync(Actor.Agent(EscalationServer.Tier1Agent), [id]);

        Assert.Equal((true, false, false, false, true), (fresh, opened, notMovedBack, afterReceipt, afterCustomer));
        Assert.Empty(colleagueView);
    }

    [Fact]
    public async Task The_filters_narrow_the_inbox_by_priority_and_status()
    {
        var urgent = await OpenAsync("Urgent one", EscalationServer.Tier1Agent, priority: TicketPriority.Urgent);
        var low = await OpenAsync("Low one", EscalationServer.Tier1Agent, priority: TicketPriority.Low);
        await DeskAsync(desk => desk.ChangeStatusAsync(low, TicketStatus.Pending, Admin));

        var urgentOnly = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter(Priority: TicketPriority.Urgent));
        var pendingOnly = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter(Status: TicketStatus.Pending));

        Assert.Contains(urgentOnly, r => r.TicketId == urgent);
        Assert.All(urgentOnly, r => Assert.Equal(TicketPriority.Urgent, r.Priority));
        Assert.Contains(pendingOnly, r => r.TicketId == low);
        Assert.All(pendingOnly, r => Assert.Equal(TicketStatus.Pending, r.Status));
    }

    [Fact]
    public async Task A_case_handed_back_to_me_says_so_and_the_inbox_is_newest_activity_first()
    {
        var assigned = await OpenAsync("Assigned earlier", EscalationServer.Tier1Agent);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var handedBack = await OpenAsync("Back from tier-2", owner: null);
        await DeskAsync(desk => desk.EscalateAsync(handedBack, "tier-2", EscalationServer.Tier2Agent, "needs logs", Admin));
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await DeskAsync(desk => desk.DeEscalateAsync(handedBack, "tier-1", EscalationServer.Tier1Agent, "Logs read; the fix is in, confirm with the customer", Admin));
        var before = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter());
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await DeskAsync(desk => desk.AddMessageAsync(assigned, MessageKind.Customer, "Any news?", Actor.System));
        var after = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter());

        Assert.Equal("handed back to you", before.Single(r => r.TicketId == handedBack).Why);
        Assert.True(Index(before, handedBack) < Index(before, assigned));
        Assert.True(Index(after, assigned) < Index(after, handedBack));
        Assert.Equal(after.Select(r => r.LastActivity).OrderDescending(), after.Select(r => r.LastActivity));
    }

    [Fact]
    public async Task The_tier_filter_shows_that_tier_s_queue_and_a_VIP_customer_is_marked()
    {
        var vip = await OpenAsync("VIP in my queue", owner: null, vip: true);
        var plain = await OpenAsync("Plain in my queue", owner: null);
        var tier2Queue = await OpenAsync("In tier-2's queue", owner: null, tier: "tier-2");

        var mine = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter());
        var tier2 = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter(Tier: "tier-2"));

        Assert.True(mine.Single(r => r.TicketId == vip).Vip);
        Assert.False(mine.Single(r => r.TicketId == plain).Vip);
        Assert.Contains(tier2, r => r.TicketId == tier2Queue);
        Assert.All(tier2, r => Assert.Equal("tier-2", r.TierId));
        Assert.DoesNotContain(tier2, r => r.TicketId == vip);
    }

    [Fact]
    public async Task The_SLA_state_is_the_time_left_to_the_next_SLA_point_or_breached_and_the_ticket_page_says_the_same()
    {
        var running = await OpenAsync("SLA running", EscalationServer.Tier1Agent);
        var breached = await OpenAsync("SLA breached", EscalationServer.Tier1Agent);
        var none = await OpenAsync("No SLA", EscalationServer.Tier1Agent);
        var due = server.Clock.GetUtcNow() + TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5);
        await server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<EscalationStudio.Persistence.EscalationDbContext>();
            foreach (var ticket in new[] { running, breached })
            {
                // What an SLA timer armed before the breach was recorded leaves while it waits: a bookmark due at its
                // next point, nothing more (DeskSlaTests covers the live timer, which counts down to the breach).
                db.Add(new EscalationStudio.Persistence.Workflows.WorkflowBookmarkRecord
                {
                    Id = Guid.NewGuid().ToString("N"),
                    WorkflowInstanceId = Guid.NewGuid().ToString("N"),
                    DefinitionVersionId = "sla-test:1",
                    CorrelationId = ticket.ToString(),
                    Name = EscalationStudio.Policies.Activities.Sla.SlaTimerBookmark.Name,
                    Hash = Guid.NewGuid().ToString("N"),
                    ActivityInstanceId = "sla-timer",
                    CreatedAt = server.Clock.GetUtcNow(),
                    DueAt = due,
                    Data = "{}",
                });
            }

            return await db.SaveChangesAsync();
        });
        await DeskAsync(desk => desk.AddTimelineEntryAsync(breached, "sla-breached", "first-response breached: 4h 10m of 4h", Actor.Policy("sla"),
            new Dictionary<string, string> { [TicketEventData.SlaMetric] = "first-response" }));

        var rows = await InboxOfAsync(EscalationServer.Tier1Agent, new InboxFilter());
        var inbox = server.Services.GetRequiredService<DeskInbox>();
        Task<SlaState> PageAsync(Guid id) => server.InDeskAsync(async desk =>
        {
            return await inbox.SlaAsync((await desk.FindAsync(id))!, await desk.GetTimelineAsync(id), CancellationToken.None);
        });

        Assert.Equal(new SlaState("next SLA point in 2h 05m", SlaLevel.Running), rows.Single(r => r.TicketId == running).Sla);
        Assert.Equal(new SlaState("breached: first-response breached: 4h 10m of 4h", SlaLevel.Breached), rows.Single(r => r.TicketId == breached).Sla);
        Assert.Equal(SlaState.None, rows.Single(r => r.TicketId == none).Sla);
        Assert.Equal(rows.Single(r => r.TicketId == running).Sla, await PageAsync(running));
        Assert.Equal(rows.Single(r => r.TicketId == breached).Sla, await PageAsync(breached));
    }

    [Fact]
    public async Task The_authority_the_ticket_page_shows_is_the_one_the_desk_enforces_for_every_tier()
    {
        var directory = server.Services.GetRequiredService<IOrgDirectorySource>().Current;
        foreach (var tier in directory.Tiers)
        {
            var agent = directory.AgentsIn(tier.Id).First();
            var caller = CallerFor(server, agent.Id);
            var cap = caller.Authority.RefundCap;
            var ticket = await OpenAsync($"Refund at the {tier.Id} cap", agent.Id, tier: tier.Id);

            var shown = caller.DescribeAuthority();
            await DeskAsync(desk => desk.ApproveAsync(ticket, ApprovalKind.Refund, cap, caller.Actor));
            var refused = await Assert.ThrowsAsync<AuthorityDeniedException>(() => DeskAsync(desk => desk.ApproveAsync(ticket, ApprovalKind.Refund, cap + 1, caller.Actor)));

            Assert.Contains($"refunds up to {cap.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}", shown, StringComparison.Ordinal);
            Assert.Contains($"credits up to {caller.Authority.CreditCap.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}", shown, StringComparison.Ordinal);
            Assert.Contains(caller.Authority.CanApproveContractChange ? "contract changes" : "no contract changes", shown, StringComparison.Ordinal);
            Assert.Contains(caller.Authority.Decide(ApprovalKind.Refund, cap + 1).Reason!, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_briefing_s_HTML_is_shown_as_text_and_its_Markdown_as_markup()
    {
        var html = BriefingMarkdown.ToHtml("**VIP** customer wrote <script>alert(1)</script> <img src=x onerror=alert(2)>").Value;

        Assert.Contains("<strong>VIP</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_desk_sends_a_visitor_without_the_cookie_to_sign_in_and_back()
    {
        using var client = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var inbox = await client.GetAsync("desk");
        using var ticket = await client.GetAsync($"desk/tickets/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Equal("/studio/sign-in?ReturnUrl=%2Fdesk", inbox.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, ticket.StatusCode);
        Assert.Equal("/desk", Server.Studio.SignIn.SignInEndpoints.LocalOrHome("/desk"));
        Assert.Equal("/studio", Server.Studio.SignIn.SignInEndpoints.LocalOrHome("/desktop"));
    }

    private Task<IReadOnlyList<InboxRow>> InboxOfAsync(string agentId, InboxFilter filter) =>
        server.Services.GetRequiredService<DeskInbox>().ListAsync(CallerFor(server, agentId), filter, CancellationToken.None);

    /// <summary>The agent as the desk resolves a signed-in agent key: authority from the org directory the ticket desk checks.</summary>
    internal static DeskCaller CallerFor(EscalationServer server, string agentId)
    {
        var directory = server.Services.GetRequiredService<IOrgDirectorySource>().Current;
        var agent = directory.FindAgent(agentId)!;
        return new DeskCaller(Actor.Agent(agentId), agentId, agent, directory.FindTier(agent.TierId), directory.AuthorityOf(Actor.Agent(agentId)), IsAgentOnly: true);
    }

    private static int Index(IReadOnlyList<InboxRow> rows, Guid ticketId) => rows.Select(r => r.TicketId).ToList().IndexOf(ticketId);

    private async Task<Guid> OpenAsync(string subject, string? owner, string tier = "tier-1", TicketPriority priority = TicketPriority.Normal, bool vip = false)
    {
        var requester = new NewTicketRequester("Jo Park", $"jo.{Guid.NewGuid():N}@example.com", IsVip: vip);
        var ticket = await DeskAsync(desk => desk.CreateAsync(new NewTicket(subject, "", requester, TicketChannel.Email, priority, TierId: tier, OwnerAgentId: owner), Admin));
        return ticket.Id;
    }

    private Task<Ticket> DeskAsync(Func<ITicketDesk, Task<Ticket>> change) =>
        server.InDeskAsync(change);
}
