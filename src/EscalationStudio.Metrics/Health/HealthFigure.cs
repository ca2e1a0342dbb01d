using EscalationStudio.Metrics.Summaries;

namespace EscalationStudio.Metrics.Health;

/// <summary>The figures whose tickets can be listed (see <see cref="EscalationHealth.TicketsBehind"/>).</summary>
public enum HealthFigure
{
    /// <summary>Tickets / tickets with at least one escalation.</summary>
    EscalationRate,

    /// <summary>Escalated tickets / those whose business time to escalate is known (wall-clock time is known for all).</summary>
    TimeToEscalate,

    /// <summary>Tickets a policy escalated / those with at least one escalation whose trigger moment is recorded.</summary>
    PolicyReactionTime,

    /// <summary>Solved tickets / those that never left their first tier.</summary>
    FirstTierResolution,

    /// <summary>Escalated tickets with a CSAT score / those scored 4 or 5.</summary>
    CsatEscalated,

    /// <summary>Never-escalated tickets with a CSAT score / those scored 4 or 5.</summary>
    CsatNotEscalated,

    /// <summary>Escalated tickets / those handed back down after their first escalation.</summary>
    DeEscalationRate,

    /// <summary>Tickets / those whose tier changed more than once.</summary>
    Bounce,

    /// <summary>Tickets / those that returned to a tier they had left.</summary>
    PingPong,

    /// <summary>Tickets / those reassigned (owner to owner inside a tier) at least once.</summary>
    Reassigned,

    /// <summary>Tickets / those reassigned more than once.</summary>
    ReassignedMoreThanOnce,

    /// <summary>Tickets / those with a warning of the SLA metric named by the key.</summary>
    SlaWarned,

    /// <summary>Tickets / those that breached the SLA metric named by the key.</summary>
    SlaBreached,

    /// <summary>Tickets that breached the key's SLA metric / those escalated before their first breach of it.</summary>
    SlaEscalatedBeforeBreach,

    /// <summary>Escalated tickets / those escalated by the policy in the key (<c>policy</c> or <c>policy@version</c>).</summary>
    EscalatedByPolicy,

    /// <summary>Escalated tickets / those a policy escalated on the trigger in the key.</summary>
    EscalatedByTrigger,

    /// <summary>Escalated tickets / those escalated by hand (no policy decided).</summary>
    EscalatedManually,

    /// <summary>Open tickets / those held by the tier in the key now.</summary>
    OpenInTier,

    /// <summary>Tickets that were in the tier in the key / those escalated out of it at least once.</summary>
    EscalatedFromTier,
}

/// <summary>A figure and, for the per-metric, per-source and per-tier ones, which metric, source or tier.</summary>
public sealed record Figure(HealthFigure Kind, string? Key = null)
{
    /// <summary>The key of a policy's escalations: the policy id, with <c>@version</c> when one version is meant.</summary>
    public static string PolicyKey(string policy, int? version) => version is { } v ? $"{policy}@{v}" : policy;
}

public enum FigureSide
{
    Denominator,
    Numerator,
}

/// <summary>
/// Which tickets make up each figure's denominator and numerator: the one definition that the ticket lists follow,
/// and that the tests hold the report's counts to.
/// </summary>
internal static class FigureDefinitions
{
    /// <summary>A policy escalation whose trigger was not recorded (events written before triggers were).</summary>
    public const string UnrecordedTrigger = "(not recorded)";

    public static (bool InDenominator, bool InNumerator) Classify(Figure figure, TicketSummary t) => figure.Kind switch
    {
        HealthFigure.EscalationRate => (true, t.IsEscalated),
        HealthFigure.TimeToEscalate => (t.IsEscalated, t.BusinessTimeToEscalate is not null),
        HealthFigure.PolicyReactionTime => (HasEscalation(t, m => !m.IsManual), HasEscalation(t, m => !m.IsManual && m.Reaction is not null)),
        HealthFigure.FirstTierResolution => (t.IsSolved, t.IsSolved && t.Moves.Count == 0),
        HealthFigure.CsatEscalated => (t.IsEscalated && t.Csat is not null, t.IsEscalated && t.Csat >= 4),
        HealthFigure.CsatNotEscalated => (!t.IsEscalated && t.Csat is not null, !t.IsEscalated && t.Csat >= 4),
        HealthFigure.DeEscalationRate => (t.IsEscalated, t.DeEscalatedAfterEscalation),
        HealthFigure.Bounce => (true, t.Moves.Count > 1),
        HealthFigure.PingPong => (true, t.PingPong),
        HealthFigure.Reassigned => (true, t.Reassignments > 0),
        HealthFigure.ReassignedMoreThanOnce => (true, t.Reassignments > 1),
        HealthFigure.SlaWarned => (true, Sla(t, figure.Key) is { Warnings: > 0 }),
        HealthFigure.SlaBreached => (true, Sla(t, figure.Key) is { Breaches: > 0 }),
        HealthFigure.SlaEscalatedBeforeBreach => (Sla(t, figure.Key) is { Breaches: > 0 }, Sla(t, figure.Key) is { Breaches: > 0, EscalatedBeforeBreach: true }),
        HealthFigure.EscalatedByPolicy => (t.IsEscalated, HasEscalation(t, m => m.Policy is not null && IsPolicyKey(m, figure.Key))),
        HealthFigure.EscalatedByTrigger => (t.IsEscalated, HasEscalation(t, m => !m.IsManual && TriggerOf(m) == figure.Key)),
        HealthFigure.EscalatedManually => (t.IsEscalated, HasEscalation(t, m => m.IsManual)),
        HealthFigure.OpenInTier => (t.IsOpen, t.IsOpen && string.Equals(t.Tier, figure.Key, StringComparison.OrdinalIgnoreCase)),
        HealthFigure.EscalatedFromTier => (figure.Key is { } tier && t.WasInTier(tier), figure.Key is { } from && EscalatedFrom(t, from)),
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure.Kind, "not a figure"),
    };

    public static bool EscalatedFrom(TicketSummary t, string tier) =>
        HasEscalation(t, m => string.Equals(m.From, tier, StringComparison.OrdinalIgnoreCase));

    public static string TriggerOf(TierMove move) => move.Trigger ?? UnrecordedTrigger;

    private static bool HasEscalation(TicketSummary t, Func<TierMove, bool> which)
    {
        foreach (var move in t.Moves)
        {
            if (move.Kind == TierMoveKind.Escalation && which(move))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPolicyKey(TierMove move, string? key) =>
        string.Equals(key, move.Policy, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, Figure.PolicyKey(move.Policy!, move.PolicyVersion), StringComparison.OrdinalIgnoreCase);

    private static SlaSignals? Sla(TicketSummary t, string? metric)
    {
        foreach (var signals in t.Sla)
        {
            if (signals.Metric == metric)
            {
                return signals;
            }
        }

        return null;
    }
}
