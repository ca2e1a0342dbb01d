using EscalationStudio.Policies.Signals;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Briefings;

/// <summary>What the deciding activity knows about a handover that the ticket itself does not say yet.</summary>
/// <param name="Handover">With tier and agent ids; the briefing shows their names from the org directory.</param>
/// <param name="TimeZone">IANA zone the briefing's times are shown in, usually the receiving tier's calendar zone.</param>
/// <param name="PolicyName">Names a policy by its id, for the tier history's moves; null shows ids.</param>
/// <param name="Keywords">The keyword matcher of the policy, if it has one: its hits appear in the briefing.</param>
internal sealed record BriefingRequest(
    BriefingHandover Handover,
    BriefingPolicy? Policy,
    IReadOnlyList<SlaState> Sla,
    KeywordMatcher? Keywords = null,
    BriefingApproval? Approval = null,
    string TimeZone = "UTC",
    Func<string, string>? PolicyName = null);
