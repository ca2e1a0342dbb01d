using System.Collections.Concurrent;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Sla;

/// <summary>
/// Each ticket's <see cref="SlaHistory"/> as last read, so that an SLA check reads only the events committed since
/// (usually none or one) instead of the ticket's whole timeline: reading and materialising the timeline on every check
/// made a ticket's checks dearer the longer its conversation, and was most of the SLA timer's cost under load.
/// One per desk (the runtime, and each test run or replay, registers its own), as the same ticket id can name a live
/// ticket and its copy in a test run.
/// </summary>
internal sealed class SlaHistoryCache
{
    // Cleared whole when full: rare at this size, and each ticket's next check then reads its timeline once again.
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Guid, SlaHistory> _histories = new();

    /// <summary>
    /// The SLA facts at <paramref name="now"/> of the ticket, read at least through <paramref name="version"/> (the version
    /// of the ticket as the caller read it: a ticket's version is the sequence of its latest event).
    /// </summary>
    public async Task<SlaHistory> ReadAsync(ITicketDesk desk, Guid ticketId, int version, DateTimeOffset now)
    {
        var kept = _histories.GetValueOrDefault(ticketId);
        if (kept?.LatestAt > now)
        {
            // A check at an earlier instant than the facts kept (a test run's clock set back) reads them all afresh.
            kept = null;
        }

        if (kept is not null && kept.ThroughSequence >= version)
        {
            return kept;
        }

        var later = kept is null ? await desk.GetTimelineAsync(ticketId) : await desk.GetTimelineAfterAsync(ticketId, kept.ThroughSequence);
        if (later.Any(e => e.OccurredAt > now))
        {
            // Events stamped after this instant (a replayed desk ahead of its clock) do not count yet, and a history
            // kept without them would skip them for good: read everything, keep nothing.
            _histories.TryRemove(ticketId, out _);
            return SlaHistory.Read(kept is null ? later : await desk.GetTimelineAsync(ticketId), now);
        }

        var history = (kept ?? SlaHistory.Empty).With(later);
        if (_histories.Count >= Capacity)
        {
            _histories.Clear();
        }

        _histories[ticketId] = history;
        return history;
    }

    /// <summary>Lets go of a ticket no check will read again (a replay's closed ticket).</summary>
    public void Forget(Guid ticketId) => _histories.TryRemove(ticketId, out _);
}
