using System.Globalization;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Metrics.Summaries;

// How each event changes the summary. Only what the figures need is read; any other event only advances Version.
public sealed partial class TicketSummary
{
    internal const string SlaWarningKind = "sla-warning";
    internal const string SlaBreachedKind = "sla-breached";

    internal void Apply(TicketEvent e, EscalationClocks clocks)
    {
        if (e.Sequence <= Version)
        {
            return;
        }

        Version = e.Sequence;
        switch (e.Type)
        {
            case TicketEventType.Created:
                OnCreated(e);
                break;
            case TicketEventType.StatusChanged when EventText.TryParse<TicketStatus>(e[TicketEventData.To], out var status):
                Status = status;
                break;
            case TicketEventType.PriorityChanged when EventText.TryParse<TicketPriority>(e[TicketEventData.To], out var priority):
                Priority = priority;
                break;
            case TicketEventType.Reassigned:
                OnReassigned(e);
                break;
            case TicketEventType.Escalated:
                OnMoved(e, TierMoveKind.Escalation, clocks);
                break;
            case TicketEventType.DeEscalated:
                OnMoved(e, TierMoveKind.DeEscalation, clocks);
                break;
            case TicketEventType.CsatRecorded when int.TryParse(e[TicketEventData.Score], NumberStyles.None, CultureInfo.InvariantCulture, out var score)
                                                   && score is >= 1 and <= Ticket.MaxCsatScore:
                Csat = score;
                break;
            case TicketEventType.TimelineEntry when e[TicketEventData.Kind] is SlaWarningKind or SlaBreachedKind:
                OnSlaSignal(e);
                break;
        }
    }

    private void OnCreated(TicketEvent e)
    {
        HasCreation = true;
        CreatedAt = e.OccurredAt;
        FirstTier = Tier = e[TicketEventData.Tier] ?? string.Empty;
        Owner = NullIfEmpty(e[TicketEventData.Owner]);
        Priority = EventText.TryParse<TicketPriority>(e[TicketEventData.Priority], out var priority) ? priority : TicketPriority.Normal;
        Channel = EventText.TryParse<TicketChannel>(e[TicketEventData.Channel], out var channel) ? channel : default;
        IsVip = string.Equals(e[TicketEventData.Vip], "true", StringComparison.OrdinalIgnoreCase);
        Status = TicketStatus.New;
        AddOnce(ref _tiers, Tier);
        AddOnce(ref _owners, Owner);
    }

    private void OnReassigned(TicketEvent e)
    {
        var from = NullIfEmpty(e[TicketEventData.FromOwner]);
        var to = NullIfEmpty(e[TicketEventData.ToOwner]);
        if (from is not null && to is not null && !SameId(from, to))
        {
            Reassignments++;
        }

        Owner = to;
        AddOnce(ref _owners, to);
    }

    private void OnMoved(TicketEvent e, TierMoveKind kind, EscalationClocks clocks)
    {
        var to = e[TicketEventData.To] ?? string.Empty;
        var policy = NullIfEmpty(e[TicketEventData.Policy]);
        var move = new TierMove(
            kind,
            e[TicketEventData.From] is { Length: > 0 } from ? from : Tier,
            to,
            e.OccurredAt,
            e.Actor,
            policy,
            int.TryParse(e[TicketEventData.PolicyVersion], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
            NullIfEmpty(e[TicketEventData.Trigger]),
            DateTimeOffset.TryParse(e[TicketEventData.TriggeredAt], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var triggeredAt) ? triggeredAt : null);

        // Back to a tier it had been in and left: ping-pong (the current tier is in the list too, but a move never stays in it).
        PingPong |= !SameId(to, Tier) && WasInTier(to);
        if (kind == TierMoveKind.Escalation)
        {
            if (Escalations == 0 && HasCreation)
            {
                BusinessTimeToEscalate = clocks.BusinessTime(FirstTier, CreatedAt, e.OccurredAt);
            }

            Escalations++;
        }
        else if (Escalations > 0)
        {
            DeEscalatedAfterEscalation = true;
        }

        (_moves ??= []).Add(move);
        Tier = to;
        Owner = NullIfEmpty(e[TicketEventData.ToOwner]);
        AddOnce(ref _tiers, to);
        AddOnce(ref _owners, Owner);
        AddOnce(ref _policies, policy);
    }

    private void OnSlaSignal(TicketEvent e)
    {
        var metric = NullIfEmpty(e[TicketEventData.SlaMetric]) ?? SlaSignals.UnrecordedMetric;
        var breach = e[TicketEventData.Kind] == SlaBreachedKind;
        _sla ??= [];
        var index = _sla.FindIndex(s => s.Metric == metric);
        var signals = index >= 0 ? _sla[index] : new SlaSignals(metric, 0, 0, null, false);
        signals = breach
            ? signals with
            {
                Breaches = signals.Breaches + 1,
                FirstBreachAt = signals.FirstBreachAt ?? e.OccurredAt,
                EscalatedBeforeBreach = signals.FirstBreachAt is null ? IsEscalated : signals.EscalatedBeforeBreach,
            }
            : signals with { Warnings = signals.Warnings + 1 };
        if (index >= 0)
        {
            _sla[index] = signals;
        }
        else
        {
            _sla.Add(signals);
        }

        AddOnce(ref _policies, NullIfEmpty(e[TicketEventData.Policy]));
    }

    private static void AddOnce(ref List<string>? list, string? value)
    {
        if (value is null || (list is not null && list.Exists(v => SameId(v, value))))
        {
            return;
        }

        (list ??= []).Add(value);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
