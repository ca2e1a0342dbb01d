using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tickets.ReadMarks;

/// <summary>
/// The read marks as rows of <c>ticket_read_marks</c>, written beside the ticket writer (a read changes no ticket):
/// a conditional update moves a mark forward only, and the first read of a ticket inserts it.
/// </summary>
internal sealed class EfTicketReadMarks(IServiceScopeFactory scopes, TimeProvider time) : ITicketReadMarks
{
    public async Task MarkReadAsync(Actor reader, Guid ticketId, int sequence, CancellationToken cancellationToken = default)
    {
        var who = reader.ToString();
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var marks = db.Set<TicketReadMark>();
        var moved = await marks.Where(m => m.Reader == who && m.TicketId == ticketId && m.ReadThrough < sequence)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ReadThrough, sequence).SetProperty(m => m.ReadAt, now), cancellationToken);
        if (moved == 1 || await marks.AnyAsync(m => m.Reader == who && m.TicketId == ticketId, cancellationToken))
        {
            return;
        }

        marks.Add(new TicketReadMark { Reader = who, TicketId = ticketId, ReadThrough = sequence, ReadAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person's other tab inserted it first: move that mark instead.
            await marks.Where(m => m.Reader == who && m.TicketId == ticketId && m.ReadThrough < sequence)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ReadThrough, sequence).SetProperty(m => m.ReadAt, now), cancellationToken);
        }
    }

    public async Task<IReadOnlyDictionary<Guid, int>> ReadThroughAsync(Actor reader, IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default)
    {
        var who = reader.ToString();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        return await db.Set<TicketReadMark>().AsNoTracking()
            .Where(m => m.Reader == who && ticketIds.Contains(m.TicketId))
            .ToDictionaryAsync(m => m.TicketId, m => m.ReadThrough, cancellationToken);
    }
}
