using EscalationStudio.Domain.Delivery;

namespace EscalationStudio.Domain.Org;

/// <param name="Capacity">How many open tickets the agent takes at once; routing to owners respects it.</param>
/// <param name="ChatHandle">Handle in the team chat (e.g. <c>@ana</c>), used by briefings and notifications.</param>
/// <param name="Delivery">Where the agent's own briefings go besides the desk.</param>
public sealed record Agent(
    string Id,
    string Name,
    string TierId,
    IReadOnlyList<string> Skills,
    int Capacity,
    string Email,
    string? ChatHandle,
    DeliveryTargets? Delivery = null)
{
    public bool HasSkill(string skill) => Skills.Contains(skill, StringComparer.OrdinalIgnoreCase);
}
