namespace EscalationStudio.Domain.Org;

public enum TierKind
{
    /// <summary>A rung of the ladder (tier-1, tier-2, managers): escalation climbs, de-escalation descends.</summary>
    Level,

    /// <summary>A group that receives cases from any level for its expertise (retention, legal, billing).</summary>
    Specialist,
}
