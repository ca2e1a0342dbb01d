using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

/// <summary>
/// The desk's group commit: commands waiting at the same moment are committed together, yet each caller gets its
/// own answer (the ticket as its change left it, or its own error) and observers hear each change in order.
/// </summary>
public sealed class GroupCommitTests(HeldWriterServer server) : IClassFixture<HeldWriterServer>
{
    private static readonly Actor Bot = Actor.Policy("group-commit-test");

    [Fact]
    public async Task Concurrent_commands_on_the_same_and_different_tickets_all_commit_with_consecutive_sequences()
    {
        var tickets = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => CreateAsync($"concurrent-{i}@example.com")));

        var answers = await Task.WhenAll(tickets.SelectMany(t => Enumerable.Range(0, 10).Select(m => Task.Run(() =>
            server.InDeskAsync(desk => desk.AddMessageAsync(t.Id, MessageKind.Customer, $"{t.Id} message {m}", Actor.Customer(t.RequesterId)))))));

        foreach (var ticket in tickets)
        {
            var timeline = await server.InDeskAsync(desk => desk.GetTimelineAsync(ticket.Id));
            Assert.Equal(Enumerable.Range(1, 11), timeline.Select(e => e.Sequence));
        }

        // Each caller gets the ticket exactly as its own change left it: its message is the last one.
        Assert.All(answers, answer => Assert.Equal(answer.Version, answer.Messages[^1].Sequence));
        Assert.Equal(30, answers.Select(a => (a.Id, a.Version)).Distinct().Count());
    }

    [Fact]
    public async Task A_failing_verb_in_a_batch_fails_only_its_own_caller_and_the_other_commands_commit()
    {
        var (held, answered, solved) = (await CreateAsync("held-1@example.com"), await CreateAsync("answered-1@example.com"), await CreateAsync("solved-1@example.com"));
        await server.InDeskAsync(desk => desk.ChangeStatusAsync(solved.Id, TicketStatus.Solved, Actor.User("admin")));
        await server.InDeskAsync(desk => desk.ChangeStatusAsync(solved.Id, TicketStatus.Closed, Actor.User("admin")));

        var (reply, onClosed, notRated, missing, newTicket) = await InOneBatchAsync(held.Id, desk => (
            desk.AddMessageAsync(answered.Id, MessageKind.Agent, "On it", Bot),
            desk.AddMessageAsync(solved.Id, MessageKind.Customer, "Hello again", Actor.Customer(solved.RequesterId)),
            desk.RecordCsatAsync(answered.Id, 5, null, Bot),
            desk.AddTagAsync(Guid.CreateVersion7(), "ghost", Bot),
            desk.CreateAsync(NewTicket("fresh-1@example.com"), Bot)));

        Assert.Equal(2, (await reply).Version);
        await Assert.ThrowsAsync<TicketRuleViolationException>(() => onClosed);
        await Assert.ThrowsAsync<TicketRuleViolationException>(() => notRated);
        await Assert.ThrowsAsync<TicketNotFoundException>(() => missing);
        Assert.Equal("fresh-1@example.com", (await newTicket).Requester.Email);
        var closedTimeline = await server.InDeskAsync(desk => desk.GetTimelineAsync(solved.Id));
        Assert.Equal(3, closedTimeline.Count);
        var closed = await server.InDeskAsync(desk => desk.FindAsync(solved.Id));
        Assert.Empty(closed!.Messages);
    }

    [Fact]
    public async Task Commands_on_one_ticket_queued_together_commit_one_after_another_and_observers_hear_them_in_that_order()
    {
        var (held, ticket) = (await CreateAsync("held-2@example.com"), await CreateAsync("ordered-2@example.com"));

        var (first, second, third) = await InOneBatchAsync(held.Id, desk => (
            desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "first", Actor.Customer(ticket.RequesterId)),
            desk.AddTagAsync(ticket.Id, "second", Bot),
            desk.AddMessageAsync(ticket.Id, MessageKind.Agent, "third", Bot)));

        Assert.Equal(new[] { 2, 3, 4 }, new[] { (await first).Version, (await second).Version, (await third).Version });
        Assert.Equal(new[] { "first" }, (await first).Messages.Select(m => m.Body));
        Assert.Equal(new[] { "first", "third" }, (await third).Messages.Select(m => m.Body));
        var heard = server.Hold.Heard.Where(c => c.TicketId == ticket.Id).ToList();
        Assert.Equal(new[] { "1", "2", "3", "4" }, heard.Select(c => string.Join(",", c.Sequences)));

        // Observers get the ticket as that commit left it, conversation included.
        Assert.Equal(new[] { 0, 1, 1, 2 }, heard.Select(c => c.Messages));
        Assert.Equal(new[] { 1, 2, 3, 4 }, heard.Select(c => c.Version));
    }

    [Fact]
    public async Task Two_new_tickets_of_one_new_customer_in_one_batch_share_the_customer()
    {
        var held = await CreateAsync("held-3@example.com");

        var (a, b) = await InOneBatchAsync(held.Id, desk => (
            desk.CreateAsync(NewTicket("twice-3@example.com"), Bot),
            desk.CreateAsync(NewTicket("Twice-3@Example.com "), Bot)));

        Assert.Equal((await a).RequesterId, (await b).RequesterId);
        var customers = await server.InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().Customers.CountAsync(c => c.Email == "twice-3@example.com"));
        Assert.Equal(1, customers);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_queued_is_cancelled_and_its_command_never_runs_while_the_rest_commit()
    {
        var (held, ticket) = (await CreateAsync("held-4@example.com"), await CreateAsync("cancelled-4@example.com"));
        using var giveUp = new CancellationTokenSource();

        var (cancelled, kept) = await InOneBatchAsync(held.Id, desk =>
        {
            var cancelled = desk.AddTagAsync(ticket.Id, "never", Bot, giveUp.Token);
            var kept = desk.AddTagAsync(held.Id, "kept", Bot);
            giveUp.Cancel();
            return (cancelled, kept);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Contains("kept", (await kept).Tags);
        var stored = await server.InDeskAsync(desk => desk.FindAsync(ticket.Id));
        Assert.DoesNotContain("never", stored!.Tags);
    }

    [Fact]
    public async Task When_the_group_commit_fails_the_commands_are_committed_one_by_one_and_only_the_conflicting_one_fails()
    {
        var (held, conflicting, other) = (await CreateAsync("held-5@example.com"), await CreateAsync("conflict-5@example.com"), await CreateAsync("other-5@example.com"));

        await WriteSecondEventElsewhereAsync(conflicting.Id);

        var (lost, kept, created) = await InOneBatchAsync(held.Id, desk => (
            desk.AddTagAsync(conflicting.Id, "lost", Bot),
            desk.AddTagAsync(other.Id, "kept", Bot),
            desk.CreateAsync(NewTicket("created-5@example.com"), Bot)));

        await Assert.ThrowsAsync<DbUpdateException>(() => lost);
        Assert.Contains("kept", (await kept).Tags);
        var createdId = (await created).Id;
        Assert.NotNull(await server.InDeskAsync(desk => desk.FindAsync(createdId)));
        Assert.Contains(server.Logs, line => line.Contains("committing them one by one", StringComparison.Ordinal));
        Assert.Contains(server.Logs, line => line.Contains($"Ticket {conflicting.Id} was changed by another writer; retrying (attempt 4)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ticket_another_writer_changed_since_this_node_committed_it_is_loaded_again_and_the_change_commits_on_top()
    {
        // The writer keeps the ticket as it committed it; then another node tags it (version 2, event 2).
        var ticket = await CreateAsync("stale-6@example.com");
        await server.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EscalationDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE tickets SET Version = 2, Tags = '[\"theirs\"]' WHERE Id = {ticket.Id}");
            db.TicketEvents.Add(new TicketEvent(Guid.CreateVersion7(), ticket.Id, 2, TicketEventType.TagAdded, Bot, EscalationServer.Start, new Dictionary<string, string> { ["tag"] = "theirs" }));
            return await db.SaveChangesAsync();
        });

        var changed = await server.InDeskAsync(desk => desk.AddTagAsync(ticket.Id, "mine", Bot));

        Assert.Equal(3, changed.Version);
        Assert.Equal(["theirs", "mine"], changed.Tags);
        var timeline = await server.InDeskAsync(desk => desk.GetTimelineAsync(ticket.Id));
        Assert.Equal([1, 2, 3], timeline.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Outbox_marks_made_while_the_writer_commits_ride_in_its_next_commit_instead_of_a_transaction_of_their_own()
    {
        var (held, ticket) = (await CreateAsync("held-7@example.com"), await CreateAsync("marks-7@example.com"));
        var outbox = server.Services.GetRequiredService<ITicketEventOutbox>();
        Task? marking = null;

        var tagged = await InOneBatchAsync(held.Id, desk =>
        {
            marking = outbox.MarkHandledAsync([new HandledTicketEvents(ticket.Id, 1, 1)]);

            // On its own, a SQLite transaction would be done by now (SQLite's calls complete synchronously).
            Assert.False(marking.IsCompleted);
            return desk.AddTagAsync(ticket.Id, "along", Bot);
        });

        await marking!;
        Assert.Contains("along", (await tagged).Tags);
    }

    [Fact]
    public async Task Outbox_marks_in_a_group_commit_that_fails_are_committed_on_their_own()
    {
        var (held, conflicting, marked) = (await CreateAsync("held-8@example.com"), await CreateAsync("conflict-8@example.com"), await CreateAsync("marks-8@example.com"));
        await WriteSecondEventElsewhereAsync(conflicting.Id);
        var outbox = server.Services.GetRequiredService<ITicketEventOutbox>();
        Task? marking = null;

        var lost = await InOneBatchAsync(held.Id, desk =>
        {
            marking = outbox.MarkHandledAsync([new HandledTicketEvents(marked.Id, 1, 1)]);
            return desk.AddTagAsync(conflicting.Id, "lost", Bot);
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => lost);
        await marking!;
        var pending = await outbox.ReadPendingAsync([marked.Id]);
        Assert.Empty(pending);
    }

    /// <summary>Holds the writer on a commit of <paramref name="heldTicket"/>, makes the commands, then lets them all go as one batch.</summary>
    private Task<T> InOneBatchAsync<T>(Guid heldTicket, Func<ITicketDesk, T> commands) => server.Hold.InOneBatchAsync(server.Services, heldTicket, commands);

    /// <summary>Another node wrote the ticket's next event: a batch's insert of sequence 2 trips the unique index.</summary>
    private Task<int> WriteSecondEventElsewhereAsync(Guid ticketId) => server.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<EscalationDbContext>();
        db.TicketEvents.Add(new TicketEvent(Guid.CreateVersion7(), ticketId, 2, TicketEventType.TimelineEntry, Bot, EscalationServer.Start, new Dictionary<string, string>()));
        return await db.SaveChangesAsync();
    });

    private Task<Ticket> CreateAsync(string email) => server.InDeskAsync(desk => desk.CreateAsync(NewTicket(email), Bot));

    private static NewTicket NewTicket(string email) =>
        new("Group commit", "Testing the writer.", new NewTicketRequester("Grace Commit", email), TicketChannel.Email);

}
