using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Sla;

/// <summary>
/// One promise to the customer, e.g. "first response within 4 business hours, warn at 50, 75 and 90 %".
/// </summary>
/// <param name="WarningPercents">Points before the breach at which the team is warned, each between 1 and 99.</param>
/// <param name="PausedWhile">Statuses during which the clock stands still: by default while the ticket waits on the customer or a third party.</param>
internal sealed record SlaTarget(
    SlaMetric Metric,
    TimeSpan Target,
    IReadOnlyList<int> WarningPercents,
    IReadOnlySet<TicketStatus> PausedWhile)
{
    public static readonly IReadOnlySet<TicketStatus> WaitingOnCustomer = new HashSet<TicketStatus> { TicketStatus.Pending, TicketStatus.OnHold };

    public static SlaTarget Of(SlaMetric metric, TimeSpan target, params int[] warningPercents) =>
        new(metric, target, warningPercents, WaitingOnCustomer);

    /// <summary>Every reason the target cannot be used, each naming its field.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Metric))
        {
            problems.Add($"Metric: '{(int)Metric}' is not an SLA metric");
        }

        if (Target <= TimeSpan.Zero || Target > Domain.Calendars.BusinessClock.LongestDuration)
        {
            problems.Add($"Target: {Target} must be positive and at most {Domain.Calendars.BusinessClock.LongestDuration.TotalDays:0} days");
        }

        foreach (var percent in WarningPercents ?? [])
        {
            if (percent is < 1 or > 99)
            {
                problems.Add($"WarningPercents: {percent} must lie between 1 and 99");
            }
        }

        return problems;
    }
}
