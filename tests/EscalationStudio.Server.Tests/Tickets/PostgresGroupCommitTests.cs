using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using EscalationStudio.Server.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

/// <summary>
/// A group commit on PostgreSQL writes the rows of each table as one statement of arrays (<c>unnest</c>): what it
/// answered is what another node reads back, text and event data exactly, for every ticket of the batch.
/// </summary>
public sealed class PostgresGroupCommitTests
{
    private static readonly Actor Bot = Actor.Policy("postgres-group-commit-test");

    [PostgresFact]
    public async Task Every_ticket_of_one_batch_reads_back_on_another_node_as_the_commit_answered_it()
    {
        await using var server = new HeldWriterPostgresServer();
        await using var otherNode = server.SecondNode();
        var held = await CreateAsync(server, "held@example.com", []);
        var tickets = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => CreateAsync(server, $"batch-{i}@example.com", [])));
        string[] bodies = ["Plain text", "Quotes ' \" and a backslash \\ in it", "Ünïcödé — 日本語 🙂\nand a second line", new string('x', 4_000)];

        var (messages, entry, note, created) = await server.Hold.InOneBatchAsync(server.Services, held.Id, desk => (
            Task.WhenAll(tickets[..3].Select((t, i) => desk.AddMessageAsync(t.Id, MessageKind.Customer, bodies[i], Actor.Customer(t.RequesterId)))),
            desk.AddTimelineEntryAsync(tickets[3].Id, "sla-warning", "first reply due", Bot, new Dictionary<string, string> { ["due"] = "10:00", ["quote"] = "it's \"due\"" }),
            desk.AddInternalNoteAsync(held.Id, bodies[3], Actor.Agent(EscalationServer.Tier1Agent)),
            desk.CreateAsync(NewTicket("created@example.com", ["vip", "refund"]), Bot)));
        var answers = (await messages).Append(await entry).Append(await note).Append(await created).ToList();

        Assert.Equal(6, answers.Count);
        foreach (var answer in answers)
        {
            var stored = await otherNode.InDeskAsync(desk => desk.FindAsync(answer.Id));
            Assert.NotNull(stored);
            Assert.Equal(answer.Version, stored.Version);
            Assert.Equal(answer.Tags, stored.Tags);
            Assert.Equal(Conversation(answer), Conversation(stored));
            var timeline = await otherNode.InDeskAsync(desk => desk.GetTimelineAsync(answer.Id));
            Assert.Equal(Enumerable.Range(1, answer.Version), timeline.Select(e => e.Sequence));
        }

        Assert.Equal(bodies[..3], answers[..3].Select(t => t.Messages[^1].Body));
        Assert.Equal(bodies[3], answers[4].Messages[^1].Body);
        var sla = (await otherNode.InDeskAsync(desk => desk.GetTimelineAsync(tickets[3].Id)))[^1];
        Assert.Equal(("10:00", "it's \"due\""), (sla["due"], sla["quote"]));
        Assert.Equal(Bot, sla.Actor);
    }

    /// <summary>
    /// A node answers a read from the ticket its writer kept only while the database holds that version: another node
    /// may have changed or removed it since. (On SQLite this node's writer is the file's only one, and the database is
    /// not asked.)
    /// </summary>
    [PostgresFact]
    public async Task A_read_of_a_kept_ticket_another_writer_changed_or_removed_answers_what_the_database_holds()
    {
        await using var server = new PostgresEscalationServer();
        var changed = await CreateAsync(server, "stale-read-1@example.com", []);
        var removed = await CreateAsync(server, "stale-read-2@example.com", []);
        Assert.Equal(1, (await server.InDeskAsync(desk => desk.FindAsync(changed.Id)))!.Version);
        await server.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EscalationDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE tickets SET \"Version\" = 2, \"Tags\" = ARRAY['theirs'] WHERE \"Id\" = {changed.Id}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM ticket_event_outbox WHERE \"TicketId\" = {removed.Id}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM ticket_events WHERE \"TicketId\" = {removed.Id}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM ticket_messages WHERE \"TicketId\" = {removed.Id}");
            return await db.Database.ExecuteSqlAsync($"DELETE FROM tickets WHERE \"Id\" = {removed.Id}");
        });

        var read = await server.InDeskAsync(desk => desk.FindAsync(changed.Id));

        Assert.Equal(2, read!.Version);
        Assert.Equal(["theirs"], read.Tags);
        Assert.Null(await server.InDeskAsync(desk => desk.FindAsync(removed.Id)));
    }

    private static IEnumerable<(Guid, int, MessageKind, Actor, string, DateTimeOffset)> Conversation(Ticket ticket) =>
        ticket.Messages.Select(m => (m.Id, m.Sequence, m.Kind, m.Author, m.Body, m.At));

    private static Task<Ticket> CreateAsync(EscalationServer server, string email, string[] tags) =>
        server.InDeskAsync(desk => desk.CreateAsync(NewTicket(email, tags), Bot));

    private static NewTicket NewTicket(string email, string[] tags) =>
        new("Group commit on PostgreSQL", "Testing the batch.", new NewTicketRequester("Grace Commit", email), TicketChannel.Email) { Tags = tags };
}
