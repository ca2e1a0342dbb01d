using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Metrics.Tests.Histories;
using static EscalationStudio.Metrics.Tests.Histories.MetricsOrg;

namespace EscalationStudio.Metrics.Tests.Health;

/// <summary>
/// Nine tickets (and one history that starts mid-way) covering the edges the figures must get right; the expected
/// figures in <see cref="EscalationHealthReportTests"/> are worked out by hand from the comments here.
/// Tier-1 and tier-2 work 09:00–17:00 UTC on weekdays; every ticket is created in tier-1.
/// </summary>
internal sealed class HealthScenario
{
    public static readonly DateTimeOffset Friday = Monday.AddDays(-3);

    /// <summary>Solved in tier-1 after one lateral move (ana → malik); CSAT 5.</summary>
    public readonly History Solved = new History(At(Monday, 9)).Created()
        .At(At(Monday, 9, 30)).Reassigned("malik").AgentReply()
        .At(At(Monday, 11)).Solved().Csat(5);

    /// <summary>Raised to high priority, solved, reopened by the customer, solved again; CSAT 2.</summary>
    public readonly History Reopened = new History(At(Monday, 10)).Created()
        .At(At(Monday, 10, 10)).Priority(TicketPriority.High)
        .At(At(Monday, 12)).Solved()
        .At(At(Monday, 13)).CustomerReply()
        .At(At(Monday, 14)).Solved().Csat(2);

    /// <summary>Escalated twice: refund-guard v3 on a keyword 2 h after creation (30 s reaction), then by hand to the
    /// managers; solved; CSAT 4.</summary>
    public readonly History EscalatedTwice = new History(At(Monday, 9)).Created()
        .At(At(Monday, 11)).Escalated("tier-2", "katrin", "refund-guard", 3, "keyword", At(Monday, 10, 59, 30))
        .At(At(Monday.AddDays(1), 9)).Escalated("managers", "claire", by: Actor.Agent("katrin"))
        .At(At(Monday.AddDays(1), 10)).Solved().Csat(4);

    /// <summary>Escalated by hand after 4 h, handed back, escalated again by refund-guard v3 on the SLA (10 min
    /// reaction); still open in tier-2; no CSAT.</summary>
    public readonly History HandedBackAndEscalatedAgain = new History(At(Monday, 9)).Created()
        .At(At(Monday, 13)).Escalated("tier-2", "katrin")
        .At(At(Monday, 15)).DeEscalated("tier-1", "ana", by: Actor.Agent("katrin"))
        .At(At(Monday, 16)).Escalated("tier-2", null, "refund-guard", 3, "sla", At(Monday, 15, 50));

    /// <summary>Unowned, first assigned to ana (not a reassignment), then reassigned twice inside tier-1; solved without CSAT.</summary>
    public readonly History LateralOnly = new History(At(Monday, 9)).Created(owner: null)
        .At(At(Monday, 9, 5)).Reassigned("ana")
        .At(At(Monday, 10)).Reassigned("malik")
        .At(At(Monday, 11)).Reassigned("ana")
        .At(At(Monday, 12)).Solved();

    /// <summary>A VIP's urgent chat: vip-fast-lane v1 escalates after 2 min, then retention-fast-lane v2 sends it on to the
    /// retention group (a specialist, from tier-2); solved; CSAT 5.</summary>
    public readonly History ToSpecialist = new History(At(Monday, 10)).Created(priority: TicketPriority.Urgent, channel: TicketChannel.Chat, vip: true)
        .At(At(Monday, 10, 2)).Escalated("tier-2", "katrin", "vip-fast-lane", 1, "vip", At(Monday, 10))
        .At(At(Monday, 12)).Escalated("retention", "nina", "retention-fast-lane", 2, "keyword", At(Monday, 11, 59))
        .At(At(Monday, 13)).Solved().Csat(5);

    /// <summary>Friday 15:00, escalated by a manager to the managers 4 h later (2 business hours), handed down to
    /// tier-2, a tier it never had; still open.</summary>
    public readonly History DownToANewTier = new History(At(Friday, 15)).Created()
        .At(At(Friday, 19)).Escalated("managers", "claire", by: Actor.User("manager"))
        .At(At(Friday, 20)).DeEscalated("tier-2", "katrin", by: Actor.Agent("claire"));

    /// <summary>Monday 16:00: a first-response warning, the breach on Tuesday 10:00, sla-policy v1 escalates 30 min
    /// later (18.5 h wall clock, 2.5 business hours); still open in tier-2.</summary>
    public readonly History BreachedThenEscalated = new History(At(Monday, 16)).Created()
        .At(At(Monday, 16, 30)).SlaWarning("first-response")
        .At(At(Monday.AddDays(1), 10)).SlaBreached("first-response")
        .At(At(Monday.AddDays(1), 10, 30)).Escalated("tier-2", "katrin", "sla-policy", 1, "sla", At(Monday.AddDays(1), 10));

    /// <summary>Escalated by hand to the managers after 1 h, then a warning written before metrics were recorded and a
    /// first-response breach; still open.</summary>
    public readonly History EscalatedThenBreached = new History(At(Monday, 9)).Created()
        .At(At(Monday, 10)).Escalated("managers", "claire")
        .At(At(Monday, 11)).SlaWarning(null)
        .At(At(Monday, 12)).SlaBreached("first-response");

    /// <summary>A history imported from its second event on: no creation, so in no period and no figure.</summary>
    public readonly TicketEvent[] WithoutCreation = [.. new History(At(Monday, 9)).Created()
        .At(At(Monday, 10)).Escalated("tier-2").Events.Skip(1)];

    public History[] Tickets => [Solved, Reopened, EscalatedTwice, HandedBackAndEscalatedAgain, LateralOnly, ToSpecialist, DownToANewTier,
        BreachedThenEscalated, EscalatedThenBreached];

    public IReadOnlyCollection<TicketSummary> Summaries() =>
        TicketHistoryFold.Summarise(GeneratedHistories.Interleaved(Tickets).Concat(WithoutCreation), Org);

    public static DateTimeOffset At(DateTimeOffset day, int hour, int minute = 0, int second = 0) => day + new TimeSpan(hour, minute, second);
}
