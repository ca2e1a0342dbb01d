using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Metrics.Summaries;

/// <summary>
/// Everything the escalation-health figures need of one ticket, kept up to date event by event (see
/// <see cref="TicketHistoryFold"/>), so figures over many tickets never re-read their histories.
/// </summary>
public sealed partial class TicketSummary
{
    private List<TierMove>? _moves;
    private List<string>? _tiers;
    private List<string>? _owners;
    private List<string>? _policies;
    private List<SlaSignals>? _sla;

    internal TicketSummary(Guid ticketId)
    {
        TicketId = ticketId;
        FirstTier = string.Empty;
        Tier = string.Empty;
    }

    public Guid TicketId { get; }

    /// <summary>The sequence of the last event applied; an event at or below it is a repeat and changes nothing.</summary>
    public int Version { get; private set; }

    /// <summary>False while the history seen so far lacks the Created event (an import that starts mid-way): such a
    /// ticket has no period, and the figures leave it out.</summary>
    public bool HasCreation { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The tier the ticket was created in.</summary>
    public string FirstTier { get; private set; }

    /// <summary>The tier that holds the ticket now.</summary>
    public string Tier { get; private set; }

    public string? Owner { get; private set; }

    /// <summary>The priority now (a later change replaces the one at creation).</summary>
    public TicketPriority Priority { get; private set; }

    public TicketChannel Channel { get; private set; }

    /// <summary>The customer was a VIP when the ticket was created.</summary>
    public bool IsVip { get; private set; }

    public TicketStatus Status { get; private set; }

    /// <summary>The last CSAT score recorded (a later answer replaces the earlier), or null when none was.</summary>
    public int? Csat { get; private set; }

    /// <summary>Lateral moves from one owner to another inside a tier; a first assignment of an unowned ticket is not one.</summary>
    public int Reassignments { get; private set; }

    /// <summary>The tier moved to a tier it had been in and left before.</summary>
    public bool PingPong { get; private set; }

    /// <summary>Handed back down at least once after its first escalation.</summary>
    public bool DeEscalatedAfterEscalation { get; private set; }

    /// <summary>Business time from creation to the first escalation in the first tier's calendar; null before the
    /// first escalation or when that tier or its calendar is not in the org directory.</summary>
    public TimeSpan? BusinessTimeToEscalate { get; private set; }

    /// <summary>Every tier change, in order.</summary>
    public IReadOnlyList<TierMove> Moves => _moves ?? (IReadOnlyList<TierMove>)[];

    /// <summary>The tiers the ticket has been in, in the order it first reached them (the first tier first).</summary>
    public IReadOnlyList<string> Tiers => _tiers ?? (IReadOnlyList<string>)[];

    /// <summary>The agents who have owned the ticket, in the order they first did.</summary>
    public IReadOnlyList<string> Owners => _owners ?? (IReadOnlyList<string>)[];

    /// <summary>The policies that moved the ticket between tiers or recorded an SLA warning or breach on it.</summary>
    public IReadOnlyList<string> Policies => _policies ?? (IReadOnlyList<string>)[];

    /// <summary>SLA warnings and breaches, one entry per metric.</summary>
    public IReadOnlyList<SlaSignals> Sla => _sla ?? (IReadOnlyList<SlaSignals>)[];

    public int Escalations { get; private set; }

    public int DeEscalations => Moves.Count - Escalations;

    public bool IsEscalated => Escalations > 0;

    /// <summary>Solved or closed now; a reopened ticket is not solved until it is solved again.</summary>
    public bool IsSolved => Status is TicketStatus.Solved or TicketStatus.Closed;

    public bool IsOpen => HasCreation && !IsSolved;

    public TierMove? FirstEscalation => _moves?.Find(m => m.Kind == TierMoveKind.Escalation);

    /// <summary>Wall-clock time from creation to the first escalation.</summary>
    public TimeSpan? TimeToEscalate => FirstEscalation is { } first ? first.At - CreatedAt : null;

    public bool WasInTier(string tierId) => _tiers?.Exists(t => SameId(t, tierId)) ?? false;

    public bool WasOwnedBy(string agentId) => _owners?.Exists(a => SameId(a, agentId)) ?? false;

    public bool WasActedOnBy(string policyId) => _policies?.Exists(p => SameId(p, policyId)) ?? false;

    private static bool SameId(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
