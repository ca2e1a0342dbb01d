using System.Net;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Tickets.Outbox;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Durability;

/// <summary>
/// Hearing a ticket event again (the outbox replays what a dead process never marked handled) must change nothing that
/// hearing it the first time changed: no second instance, escalation, briefing or note.
/// </summary>
public sealed class DispatchReplayTests
{
    [Fact]
    public async Task A_committed_event_stays_in_the_outbox_until_the_policies_have_heard_it()
    {
        await using var server = new RetentionFastLaneServer();
        var ticket = await EscalatedRefundTicketAsync(server);

        Assert.Empty(await server.InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().Set<TicketEventOutboxEntry>().ToListAsync()));
        Assert.Single((await server.Admin().TimelineAsync(ticket)), e => e.Type() == "escalated");
    }

    [Fact]
    public async Task Events_heard_again_after_a_crash_before_they_were_marked_change_nothing()
    {
        await using var server = new RetentionFastLaneServer();
        var ticket = await EscalatedRefundTicketAsync(server);
        var timeline = await server.Admin().TimelineAsync(ticket);
        var instances = await InstancesOfAsync(server, ticket);

        await PutBackInOutboxAsync(server, ticket, fromSequence: 1, throughSequence: timeline.Count);
        Assert.Equal(1, await server.Services.GetRequiredService<PolicyDispatcher>().CatchUpAsync(DateTimeOffset.MaxValue));

        Assert.Equal(timeline.Count, (await server.Admin().TimelineAsync(ticket)).Count);
        Assert.Equal(instances, await InstancesOfAsync(server, ticket));
        Assert.Empty(await server.InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().Set<TicketEventOutboxEntry>().ToListAsync()));
    }

    [Fact]
    public async Task A_run_that_died_after_its_ticket_changes_but_before_its_save_is_replayed_without_repeating_them()
    {
        await using var server = new RetentionFastLaneServer();
        var ticket = await EscalatedRefundTicketAsync(server);
        var timeline = await server.Admin().TimelineAsync(ticket);
        var refund = timeline.Single(e => e.Type() == "message-added" && e.Data("messageKind") == "customer");
        var instances = await InstancesOfAsync(server, ticket);
        Assert.Single(instances);

        // As if the process died after the escalation, the briefing and the note were committed, before the run was saved.
        await server.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EscalationDbContext>();
            await db.Set<WorkflowBookmarkRecord>().Where(b => instances.Contains(b.WorkflowInstanceId)).ExecuteDeleteAsync();
            return await db.Set<WorkflowInstanceRecord>().Where(i => instances.Contains(i.Id)).ExecuteDeleteAsync();
        });
        var refundSequence = (int)refund["sequence"]!;
        await PutBackInOutboxAsync(server, ticket, refundSequence, timeline.Count);

        await server.Services.GetRequiredService<PolicyDispatcher>().CatchUpAsync(DateTimeOffset.MaxValue);

        var replayed = await server.Admin().TimelineAsync(ticket);
        Assert.Equal(timeline.Select(e => (string?)e["type"]), replayed.Select(e => (string?)e["type"]));
        Assert.Single(replayed, e => e.Type() == "escalated");
        Assert.Equal(instances, await InstancesOfAsync(server, ticket));
    }

    [Fact]
    public async Task A_keyed_desk_change_made_twice_is_applied_once()
    {
        await using var server = new EscalationServer();
        var ticket = Guid.Parse((await server.Admin().CreateTicketAsync()).Id());

        async Task<Ticket> TagAsync(string tag, string key) => await server.InScopeAsync(sp =>
        {
            sp.GetRequiredService<DeskCallKeys>().Source = () => key;
            return sp.GetRequiredService<ITicketDesk>().AddTagAsync(ticket, tag, Actor.Policy("replayed"));
        });

        await TagAsync("first", "run-1#1");
        var repeated = await TagAsync("first-again", "run-1#1");
        await TagAsync("second", "run-1#2");

        Assert.DoesNotContain("first-again", repeated.Tags);
        var tags = (await server.Admin().TimelineAsync(ticket.ToString())).Where(e => e.Type() == "tag-added").Select(e => e.Data("tag")).ToList();
        Assert.Equal(["first", "second"], tags);
    }

    private static async Task<string> EscalatedRefundTicketAsync(RetentionFastLaneServer server)
    {
        var admin = server.Admin();
        var ticket = (await admin.CreateTicketAsync(subject: "Invoice question", email: $"replay-{Guid.NewGuid():N}@example.com")).Id();
        var posted = await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "I was charged twice and want a refund." });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await server.SettleAsync();
        Assert.Single(await admin.TimelineAsync(ticket), e => e.Type() == "escalated");
        return ticket;
    }

    private static Task<List<string>> InstancesOfAsync(EscalationServer server, string ticket) => server.InScopeAsync(sp =>
        sp.GetRequiredService<EscalationDbContext>().Set<WorkflowInstanceRecord>().Where(i => i.CorrelationId == ticket).Select(i => i.Id).OrderBy(i => i).ToListAsync());

    private static Task PutBackInOutboxAsync(EscalationServer server, string ticket, int fromSequence, int throughSequence) => server.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<EscalationDbContext>();
        db.Add(new TicketEventOutboxEntry { TicketId = Guid.Parse(ticket), FromSequence = fromSequence, ThroughSequence = throughSequence, RecordedAt = server.Clock.GetUtcNow() });
        return await db.SaveChangesAsync();
    });
}
