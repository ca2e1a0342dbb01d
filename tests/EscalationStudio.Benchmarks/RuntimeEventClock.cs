using System.Collections.Concurrent;
using System.Diagnostics;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Registered as a ticket-event observer of the host: counts committed events and notes when a ticket's refund
/// message and its escalation were committed, for the event-to-escalation latency.
/// </summary>
internal sealed class RuntimeEventClock : ITicketEventObserver
{
    private readonly ConcurrentDictionary<Guid, long> _messageCommitted = new();
    private readonly ConcurrentDictionary<Guid, long> _escalationCommitted = new();
    private long _committed;

    public long Committed => Interlocked.Read(ref _committed);

    public int Escalations => _escalationCommitted.Count;

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _committed, events.Count);
        foreach (var committed in events)
        {
            if (committed.Type == TicketEventType.MessageAdded && committed[TicketEventData.Body]?.Contains("refund", StringComparison.OrdinalIgnoreCase) == true)
            {
                _messageCommitted.TryAdd(committed.TicketId, now);
            }
            else if (committed.Type == TicketEventType.Escalated)
            {
                _escalationCommitted.TryAdd(committed.TicketId, now);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Milliseconds from each refund message's commit to its ticket's escalation commit, for the given tickets.</summary>
    public List<double> LatenciesMs(IEnumerable<Guid> tickets) =>
        tickets
            .Where(t => _messageCommitted.ContainsKey(t) && _escalationCommitted.ContainsKey(t))
            .Select(t => Stopwatch.GetElapsedTime(_messageCommitted[t], _escalationCommitted[t]).TotalMilliseconds)
            .ToList();

    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
