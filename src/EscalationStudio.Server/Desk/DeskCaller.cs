using System.Security.Claims;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Server.Auth;

namespace EscalationStudio.Server.Desk;

/// <summary>
/// Who works the desk, as the server's rules see them: the actor the timeline names, the agent and tier an agent key
/// acts as, and the authority the org directory gives them (the very <see cref="OrgDirectory.AuthorityOf"/> the ticket
/// desk checks).
/// </summary>
internal sealed record DeskCaller(Actor Actor, string Name, Agent? Agent, Tier? Tier, AuthorityLevel Authority, bool IsAgentOnly)
{
    /// <summary>
    /// The caller behind <paramref name="user"/> as the key ring knows them now, or null when their key is gone: a live
    /// page outlasts the request that opened it, and a removed or lowered key must stop or limit it at once.
    /// </summary>
    public static DeskCaller? Resolve(ClaimsPrincipal user, ApiKeyRing keys, OrgDirectory directory)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } keyId || keys.FindById(keyId) is not { } key)
        {
            return null;
        }

        var current = key.ToPrincipal("desk");
        var actor = current.ToActor();
        var agent = actor.Kind == ActorKind.Agent ? directory.FindAgent(actor.Id) : null;
        var tier = agent is null ? null : directory.FindTier(agent.TierId);
        return new DeskCaller(actor, current.Identity?.Name ?? actor.Id, agent, tier, directory.AuthorityOf(actor), current.IsAgentOnly());
    }

    /// <summary>"tier-1: refunds up to 50, credits up to 25, no contract changes, …": what the server will allow.</summary>
    public string DescribeAuthority()
    {
        if (Authority == AuthorityLevel.Unlimited)
        {
            return "not limited by the org chart (your key acts for no agent)";
        }

        var parts = new List<string>
        {
            $"refunds up to {Amount(Authority.RefundCap)}",
            $"credits up to {Amount(Authority.CreditCap)}",
            Authority.CanApproveContractChange ? "contract changes" : "no contract changes",
            Authority.CanCloseVip ? "may solve VIP tickets" : "may not solve VIP tickets",
            Authority.CanSignOff ? "may give sign-off" : "no sign-off",
        };
        return $"{Tier?.Name ?? "no tier"}: {string.Join(", ", parts)}";
    }

    private static string Amount(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
