using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Server.Org;

internal sealed record OrgResponse(
    string Name,
    IReadOnlyList<TierResponse> Tiers,
    IReadOnlyList<AgentResponse> Agents,
    IReadOnlyList<CalendarResponse> Calendars)
{
    public static OrgResponse From(OrgDirectory org) => new(
        org.Name,
        [.. org.Tiers.Select(t => new TierResponse(
            t.Id, t.Name, t.Kind, t.Level, t.CalendarId, t.Description, AuthorityResponse.From(t.Authority), org.AgentsIn(t.Id).Count(),
            DeliveryTargetsResponse.From(t.Delivery), DeliveryPlan.ManagersOf(t.Id, org)?.Id))],
        [.. org.Agents.Select(a => new AgentResponse(a.Id, a.Name, a.TierId, a.Skills, a.Capacity, a.Email, a.ChatHandle, DeliveryTargetsResponse.From(a.Delivery)))],
        [.. org.Calendars.Select(CalendarResponse.From)]);
}

/// <param name="ManagedBy">The tier whose delivery targets get this tier's SLA manager alerts (its <c>managedBy</c>, else the top level).</param>
internal sealed record TierResponse(
    string Id, string Name, TierKind Kind, int Level, string? Calendar, string? Description, AuthorityResponse Authority, int AgentCount,
    DeliveryTargetsResponse Delivery, string? ManagedBy);

/// <summary>
/// Where briefings go besides the desk (which always has them): an e-mail address and a chat webhook by its name. The
/// webhook's URL is a secret of the server's configuration and never leaves it.
/// </summary>
internal sealed record DeliveryTargetsResponse(bool Desk, string? Email, string? Chat)
{
    public static DeliveryTargetsResponse From(DeliveryTargets? targets) => new(true, targets?.Email, targets?.ChatWebhook);
}

/// <summary>Caps are null when unlimited.</summary>
internal sealed record AuthorityResponse(decimal? RefundCap, decimal? CreditCap, bool MayCloseVipTickets, bool MayApproveContractChanges, bool MaySignOff)
{
    public static AuthorityResponse From(AuthorityLevel a) => new(
        a.RefundCap == decimal.MaxValue ? null : a.RefundCap,
        a.CreditCap == decimal.MaxValue ? null : a.CreditCap,
        a.MayCloseVipTickets,
        a.MayApproveContractChanges,
        a.MaySignOff);
}

internal sealed record AgentResponse(string Id, string Name, string Tier, IReadOnlyList<string> Skills, int Capacity, string Email, string? ChatHandle, DeliveryTargetsResponse Delivery);

internal sealed record CalendarResponse(string Id, string Name, string TimeZone, IReadOnlyList<WorkingHoursResponse> WeeklyHours, IReadOnlyList<Holiday> Holidays)
{
    public static CalendarResponse From(BusinessCalendar c) =>
        new(c.Id, c.Name, c.TimeZone, [.. c.WeeklyHours.Select(h => new WorkingHoursResponse(h.Day, h.Opens.ToString("HH\\:mm", null), h.Closes.ToString("HH\\:mm", null)))], c.Holidays);
}

internal sealed record WorkingHoursResponse(DayOfWeek Day, string Opens, string Closes);
