using System.Collections.Concurrent;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Desk;
using EscalationStudio.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>Two servers on one PostgreSQL database: the desk's live pages on one hear what the other commits.</summary>
public sealed class DeskOtherNodesTests
{
    [PostgresFact]
    public async Task A_case_escalated_on_another_node_reaches_this_node_s_open_desk_pages()
    {
        await using var a = new PostgresEscalationServer();
        _ = a.Services;
        await using var b = a.SecondNode();
        _ = b.Services;
        var heard = new ConcurrentQueue<(Guid Ticket, TicketEventType[] Types)>();
        using var page = a.Services.GetRequiredService<DeskFeed>().Subscribe((id, events) =>
        {
            heard.Enqueue((id, [.. events.Select(e => e.Type)]));
            return Task.CompletedTask;
        });

        var ticket = await b.InDeskAsync(desk => desk.CreateAsync(
            new NewTicket("Escalated on node B", "", new NewTicketRequester("Jo Park", "jo.b@example.com"), TicketChannel.Email), Actor.User("admin")));
        await b.InDeskAsync(desk => desk.EscalateAsync(ticket.Id, "tier-2", EscalationServer.Tier2Agent, "above the cap", Actor.User("admin")));

        // Node A reads other nodes' commits every OtherNodesInterval (5 s) of its clock.
        for (var round = 0; round < 100 && !heard.Any(h => h.Ticket == ticket.Id && h.Types.Contains(TicketEventType.Escalated)); round++)
        {
            a.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
        }

        Assert.Contains(heard, h => h.Ticket == ticket.Id && h.Types.Contains(TicketEventType.Escalated));
    }
}
