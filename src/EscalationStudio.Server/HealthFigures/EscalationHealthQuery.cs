using System.ComponentModel;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Server.Validation;
using FluentValidation;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>The cuts of <c>GET /api/metrics/escalation</c>; all optional. A ticket counts in the period it was created in.</summary>
internal sealed record EscalationHealthQuery(
    [property: Description("Trend periods: day, week (Monday first) or month; default week")] string? Period = null,
    [property: Description("Tickets created from (a date, a whole UTC day, or an ISO 8601 time)")] string? From = null,
    [property: Description("Tickets created until (a date includes that day; an ISO 8601 time is exclusive)")] string? To = null,
    [property: Description("Tickets that were in this tier at some time")] string? Tier = null,
    [property: Description("Tickets this agent owned at some time")] string? Agent = null,
    [property: Description("Tickets this policy moved between tiers or recorded an SLA warning or breach on")] string? Policy = null,
    [property: Description("The tickets' priority now: low, normal, high, urgent")] string? Priority = null,
    [property: Description("The channel: email, chat, phone, web, social, api")] string? Channel = null,
    [property: Description("Customer segment: true for VIP customers' tickets, false for the others")] string? Vip = null,
    [property: Description("IANA time zone where days, weeks and months begin; default UTC")] string? Zone = null)
{
    public HealthPeriod PeriodOrDefault => TicketText.TryParse<HealthPeriod>(Period, out var period) ? period : HealthPeriod.Week;

    public HealthFilter ToFilter() => HealthCuts.Filter(From, To, Tier, Agent, Policy, Priority, Channel, Vip);
}

internal sealed class EscalationHealthQueryValidator : AbstractValidator<EscalationHealthQuery>
{
    public EscalationHealthQueryValidator()
    {
        RuleFor(q => q.Period).IsEnumText<EscalationHealthQuery, HealthPeriod>();
        RuleFor(q => q.From).IsInstant(end: false);
        RuleFor(q => q.To).IsInstant(end: true)
            .Must((q, to) => HealthCuts.InOrder(q.From, to)).WithMessage("must be after 'from'");
        RuleFor(q => q.Tier).IsId();
        RuleFor(q => q.Agent).IsId();
        RuleFor(q => q.Policy).IsId();
        RuleFor(q => q.Priority).IsEnumText<EscalationHealthQuery, TicketPriority>();
        RuleFor(q => q.Channel).IsEnumText<EscalationHealthQuery, TicketChannel>();
        RuleFor(q => q.Vip).IsYesNo();
        RuleFor(q => q.Zone).Must(zone => HealthCuts.TryFindZone(zone, out _))
            .WithMessage((_, zone) => $"'{zone}' is not a known time zone (an IANA name such as Europe/Berlin)");
    }
}
