using System.Diagnostics;
using System.Diagnostics.Metrics;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Summaries;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>
/// What operators scrape of the escalations this node commits (meter <see cref="MeterName"/>, exported at
/// <c>/metrics</c>): counters since the process started, so a restart or a node's summaries rebuilt from history
/// never count an old escalation again. Prometheus sums them over nodes; the figures of the whole history are the API's.
/// </summary>
internal sealed class EscalationCounters
{
    public const string MeterName = "EscalationStudio.Escalations";

    private static readonly double[] SecondsBuckets = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800];

    private readonly Counter<long> _events;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _deEscalations;
    private readonly Counter<long> _reassignments;
    private readonly Histogram<double> _timeToEscalate;

    public EscalationCounters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("escalation.ticket_events", unit: "{event}",
            description: "Ticket events committed by this node, by type.");
        _escalations = meter.CreateCounter<long>("escalation.escalations", unit: "{escalation}",
            description: "Escalations (up a level or to a specialist group), by tier from and to and by source (policy or manual).");
        _deEscalations = meter.CreateCounter<long>("escalation.de_escalations", unit: "{de-escalation}",
            description: "Hand-backs to a lower tier, by tier from and to and by source.");
        _reassignments = meter.CreateCounter<long>("escalation.reassignments", unit: "{reassignment}",
            description: "Lateral moves from one owner to another inside a tier, by tier.");
        _timeToEscalate = meter.CreateHistogram("escalation.time_to_escalate", unit: "s",
            description: "Wall-clock time from a ticket's creation to its first escalation, by the tier it was created in.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    /// <summary>Counts one committed event; <paramref name="summary"/> is the ticket's summary with the event applied.</summary>
    public void Count(TicketEvent e, TicketSummary? summary)
    {
        _events.Add(1, new KeyValuePair<string, object?>("type", e.Type.ToText()));
        switch (e.Type)
        {
            case TicketEventType.Escalated:
                _escalations.Add(1, Move(e));
                if (summary is { Escalations: 1, FirstEscalation: { } first, TimeToEscalate: { } time } && first.At == e.OccurredAt)
                {
                    _timeToEscalate.Record(time.TotalSeconds, new KeyValuePair<string, object?>("tier", summary.FirstTier));
                }

                break;
            case TicketEventType.DeEscalated:
                _deEscalations.Add(1, Move(e));
                break;
            case TicketEventType.Reassigned when e[TicketEventData.FromOwner] is { Length: > 0 } from
                                                 && e[TicketEventData.ToOwner] is { Length: > 0 } to
                                                 && !string.Equals(from, to, StringComparison.OrdinalIgnoreCase):
                _reassignments.Add(1, new KeyValuePair<string, object?>("tier", summary?.Tier ?? string.Empty));
                break;
        }
    }

    private static TagList Move(TicketEvent e) => new()
    {
        { "from", e[TicketEventData.From] ?? string.Empty },
        { "to", e[TicketEventData.To] ?? string.Empty },
        { "source", string.IsNullOrEmpty(e[TicketEventData.Policy]) ? "manual" : "policy" },
    };
}
