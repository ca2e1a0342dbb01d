using EscalationStudio.Metrics.Summaries;

namespace EscalationStudio.Metrics.Health;

/// <summary>
/// The figures of <see cref="EscalationHealth.Aggregate"/> built one ticket at a time, so a replay of a long history
/// can take a ticket's summary once it is final and let go of it: memory follows the open tickets, not the history.
/// </summary>
public sealed class RunningHealth(HealthFilter filter)
{
    private readonly HealthTally _tally = new();

    public HealthFilter Filter => filter;

    public void Add(TicketSummary ticket)
    {
        if (filter.Matches(ticket))
        {
            _tally.Add(ticket);
        }
    }

    public EscalationHealthReport ToReport() => _tally.ToReport();
}
