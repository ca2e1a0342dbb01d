using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

/// <summary>Two server nodes on one PostgreSQL database, each with its own group-committing writer, changing the same tickets.</summary>
public sealed class TwoNodeGroupCommitTests
{
    [PostgresFact]
    public async Task Two_nodes_changing_the_same_tickets_at_once_lose_no_change_and_keep_each_sequence_gapless()
    {
        await using var nodeA = new PostgresEscalationServer();
        await using var nodeB = nodeA.SecondNode();

        // Each node started on its own first: a factory's host start is not meant to be raced.
        _ = nodeA.Services;
        _ = nodeB.Services;
        var tickets = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => nodeA.InDeskAsync(desk => desk.CreateAsync(
            new NewTicket("Two nodes", "Both change it.", new NewTicketRequester("Nora Node", $"two-nodes-{i}@example.com"), TicketChannel.Email), Actor.User("test")))));

        // Each node tags every ticket eight times, all at once: commits of one node trip the other's version checks.
        var changes = from node in new[] { nodeA, nodeB }
                      from ticket in tickets
                      from n in Enumerable.Range(0, 8)
                      select Task.Run(() => node.InDeskAsync(desk => desk.AddTagAsync(ticket.Id, $"{(node == nodeA ? "a" : "b")}-{n}", Actor.Policy("tagger"))));
        await Task.WhenAll(changes);

        foreach (var ticket in tickets)
        {
            var timeline = await nodeB.InDeskAsync(desk => desk.GetTimelineAsync(ticket.Id));
            Assert.Equal(Enumerable.Range(1, 17), timeline.Select(e => e.Sequence));
            Assert.Equal(16, (await nodeA.InDeskAsync(desk => desk.FindAsync(ticket.Id)))!.Tags.Count);
        }
    }

}
