using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tickets.Outbox;

/// <summary>The outbox rows the ticket writer keeps beside the events (<see cref="TicketEventOutboxEntry"/>).</summary>
internal sealed class EfTicketEventOutbox(IServiceScopeFactory scopes, TimeProvider time) : ITicketEventOutbox
{
    public async Task<IReadOnlyList<Guid>> ListPendingAsync(DateTimeOffset recordedBy, int take, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        return await db.Set<TicketEventOutboxEntry>().AsNoTracking()
            .Where(e => e.RecordedAt <= recordedBy)
            .OrderBy(e => e.RecordedAt)
            .Select(e => e.TicketId)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    public async Task<PendingTicketEvents?> ReadPendingAsync(Guid ticketId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        if (await db.Set<TicketEventOutboxEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.TicketId == ticketId, cancellationToken) is not { } pending)
        {
            return null;
        }

        var ticket = await scope.ServiceProvider.GetRequiredService<ITicketDesk>().FindAsync(ticketId, cancellationToken);
        if (ticket is null)
        {
            return null;
        }

        var events = await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId && e.Sequence >= pending.FromSequence)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return new PendingTicketEvents(ticket, events);
    }

    public async Task MarkHandledAsync(IReadOnlyCollection<HandledTicketEvents> handled, CancellationToken cancellationToken = default)
    {
        if (handled.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (ticketId, through) in handled)
        {
            // Events committed meanwhile raised ThroughSequence past what was handled: the row stays for them.
            var deleted = await db.Set<TicketEventOutboxEntry>()
                .Where(e => e.TicketId == ticketId && e.ThroughSequence <= through)
                .ExecuteDeleteAsync(cancellationToken);
            if (deleted == 0)
            {
                await db.Set<TicketEventOutboxEntry>()
                    .Where(e => e.TicketId == ticketId && e.FromSequence <= through)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.FromSequence, through + 1).SetProperty(e => e.RecordedAt, now), cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task PostponeAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default)
    {
        if (ticketIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = time.GetUtcNow();
        var ids = ticketIds.ToList();
        await db.Set<TicketEventOutboxEntry>()
            .Where(e => ids.Contains(e.TicketId))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.RecordedAt, now), cancellationToken);
    }
}
