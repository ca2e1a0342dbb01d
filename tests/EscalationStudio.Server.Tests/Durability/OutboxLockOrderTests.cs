using System.Data.Common;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Durability;

/// <summary>
/// The dispatcher marking events handled while the writer commits new ones for the same tickets, on PostgreSQL. Under
/// the HTTP load each side sometimes held one ticket's outbox row and waited for another's: PostgreSQL failed one as
/// a deadlock, and a failed mark left handled events for the next sweep, a minute or more later.
/// </summary>
public sealed class OutboxLockOrderTests
{
    [PostgresFact]
    public async Task Marking_events_handled_while_the_same_tickets_change_never_deadlocks()
    {
        await using var server = new PostgresEscalationServer();
        var tickets = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => server.InDeskAsync(desk => desk.CreateAsync(
            new NewTicket("Busy ticket", "Changes all the time.", new NewTicketRequester("Bea Busy", $"busy-{i}@example.com"), TicketChannel.Email),
            Actor.User("test")))));
        var outbox = server.Services.GetRequiredService<ITicketEventOutbox>();
        var until = DateTime.UtcNow.AddSeconds(4);
        var failures = new List<Exception>();

        // Writers tag the tickets in a shuffled order (so group commits stage them in any order) while the dispatcher
        // side marks all of them handled, in reverse order, again and again.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var n = 0; DateTime.UtcNow < until; n++)
            {
                var ticket = tickets[random.Next(tickets.Length)];
                await server.InDeskAsync(desk => desk.AddTagAsync(ticket.Id, $"w{w}-{n}", Actor.Policy("tagger")));
            }
        }));
        var markers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                try
                {
                    await outbox.MarkHandledAsync([.. tickets.Reverse().Select(t => new HandledTicketEvents(t.Id, 0, int.MaxValue))]);
                }
                catch (DbException error)
                {
                    lock (failures)
                    {
                        failures.Add(error);
                    }
                }
            }
        }));
        await Task.WhenAll([.. writers, .. markers]);

        Assert.Empty(failures.Select(f => f.Message));
    }

}
