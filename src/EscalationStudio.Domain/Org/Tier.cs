using EscalationStudio.Domain.Delivery;

namespace EscalationStudio.Domain.Org;

/// <param name="Id">Stable id policies refer to, e.g. <c>tier-2</c> or <c>retention</c>.</param>
/// <param name="Level">Position on the ladder (1 = first line). Specialist groups carry a level too, which orders
/// them for reports, but escalation to a specialist is allowed from any level.</param>
/// <param name="CalendarId">The business-hours calendar this tier works by; its SLA clocks run inside it.</param>
/// <param name="Delivery">Where the tier's briefings go besides the desk (a team address, a chat webhook).</param>
/// <param name="ManagedBy">The tier whose targets get this tier's manager alerts; null = the highest ladder level.</param>
public sealed record Tier(
    string Id,
    string Name,
    TierKind Kind,
    int Level,
    AuthorityLevel Authority,
    string? CalendarId,
    string? Description = null,
    DeliveryTargets? Delivery = null,
    string? ManagedBy = null)
{
    public bool IsSpecialist => Kind == TierKind.Specialist;

    /// <summary>Whether moving a case from <paramref name="current"/> to this tier is an escalation.</summary>
    public bool IsEscalationFrom(Tier current) =>
        Id != current.Id && (IsSpecialist || Level > current.Level);

    /// <summary>Whether handing a case back from <paramref name="current"/> to this tier is a de-escalation.</summary>
    public bool IsDeEscalationFrom(Tier current) =>
        Id != current.Id && !IsSpecialist && (current.IsSpecialist || Level < current.Level);
}
