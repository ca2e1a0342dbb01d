using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Calendars;

namespace EscalationStudio.Domain.Org;

/// <summary>The support organisation: who works in which tier, what each tier may approve, and when they work.</summary>
public sealed class OrgDirectory
{
    private readonly Dictionary<string, Tier> _tiers;
    private readonly Dictionary<string, Agent> _agents;
    private readonly Dictionary<string, BusinessCalendar> _calendars;

    public OrgDirectory(string name, IEnumerable<Tier> tiers, IEnumerable<Agent> agents, IEnumerable<BusinessCalendar> calendars)
    {
        Name = name;
        Tiers = [.. tiers.OrderBy(t => t.Kind).ThenBy(t => t.Level).ThenBy(t => t.Id, StringComparer.Ordinal)];
        Agents = [.. agents];
        Calendars = [.. calendars];
        _tiers = Tiers.ToDictionary(t => t.Id, StringComparer.OrdinalIgnoreCase);
        _agents = Agents.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
        _calendars = Calendars.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    public static OrgDirectory Empty { get; } = new("(no org directory loaded)", [], [], []);

    public string Name { get; }

    /// <summary>Ladder levels first (lowest level first), then specialist groups.</summary>
    public IReadOnlyList<Tier> Tiers { get; }

    public IReadOnlyList<Agent> Agents { get; }

    public IReadOnlyList<BusinessCalendar> Calendars { get; }

    /// <summary>Where new tickets land: the lowest ladder level.</summary>
    public Tier? EntryTier => Tiers.FirstOrDefault(t => t.Kind == TierKind.Level);

    public Tier? FindTier(string id) => _tiers.GetValueOrDefault(id);

    public Agent? FindAgent(string id) => _agents.GetValueOrDefault(id);

    public BusinessCalendar? FindCalendar(string id) => _calendars.GetValueOrDefault(id);

    /// <summary>What people call the tier: its name, or the id itself for a tier the directory no longer has.</summary>
    public string TierName(string tierId) => FindTier(tierId)?.Name ?? tierId;

    /// <summary>The agent's name, or the id itself for an agent the directory no longer has.</summary>
    public string AgentName(string agentId) => FindAgent(agentId)?.Name ?? agentId;

    /// <summary>Who approves when nobody is named: the first tier whose authority covers <paramref name="kind"/> of <paramref name="amount"/>.</summary>
    public Tier? ApproverFor(ApprovalKind kind, decimal? amount) => Tiers.FirstOrDefault(t => t.Authority.Decide(kind, amount).IsAllowed);

    public IEnumerable<Agent> AgentsIn(string tierId) =>
        Agents.Where(a => string.Equals(a.TierId, tierId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The authority an actor brings: an agent's is their tier's; users not tied to an agent (admins, managers'
    /// integration keys), policies and the system are not limited by the org chart; customers approve nothing.
    /// </summary>
    public AuthorityLevel AuthorityOf(Actor actor) => actor.Kind switch
    {
        ActorKind.Agent => FindAgent(actor.Id) is { } agent && FindTier(agent.TierId) is { } tier
            ? tier.Authority
            : AuthorityLevel.None,
        ActorKind.User or ActorKind.Policy or ActorKind.System => AuthorityLevel.Unlimited,
        _ => AuthorityLevel.None,
    };

    /// <summary>The words the timeline uses for an actor's authority, e.g. "tier-1 (Ana Kovač)".</summary>
    public string DescribeAuthority(Actor actor) =>
        actor.Kind == ActorKind.Agent && FindAgent(actor.Id) is { } agent ? $"{agent.Name} ({agent.TierId})" : actor.ToString();
}
