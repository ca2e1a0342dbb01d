using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>The desk's frequent reads, compiled once (see <see cref="CompiledQueries{TSet}"/>).</summary>
internal sealed class TicketQueries
{
    // Type arguments spelled out: for an ordered query the compiler would pick the single-result overload.

    /// <summary>The ticket's events in order: its timeline.</summary>
    public Func<EscalationDbContext, Guid, IAsyncEnumerable<TicketEvent>> Timeline { get; } =
        EF.CompileAsyncQuery<EscalationDbContext, Guid, TicketEvent>((EscalationDbContext db, Guid ticketId) =>
            db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticketId).OrderBy(e => e.Sequence));

    /// <summary>The ticket's events after a sequence, in order: what the SLA timer has not read yet.</summary>
    public Func<EscalationDbContext, Guid, int, IAsyncEnumerable<TicketEvent>> TimelineAfter { get; } =
        EF.CompileAsyncQuery<EscalationDbContext, Guid, int, TicketEvent>((EscalationDbContext db, Guid ticketId, int afterSequence) =>
            db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticketId && e.Sequence > afterSequence).OrderBy(e => e.Sequence));
}
