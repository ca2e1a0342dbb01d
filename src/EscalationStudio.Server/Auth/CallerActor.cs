using System.Security.Claims;
using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Server.Auth;

public static class CallerActor
{
    /// <summary>Who the caller is on the timeline: the agent an agent key acts as, otherwise the key's name.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        user.FindFirstValue(EscalationClaims.AgentId) is { Length: > 0 } agentId
            ? Actor.Agent(agentId)
            : Actor.User(user.Identity?.Name ?? "anonymous");

    public static bool IsAgentOnly(this ClaimsPrincipal user) =>
        user.IsInRole(EscalationRoles.Agent) && !user.IsInRole(EscalationRoles.Manager) && !user.IsInRole(EscalationRoles.Admin);
}
