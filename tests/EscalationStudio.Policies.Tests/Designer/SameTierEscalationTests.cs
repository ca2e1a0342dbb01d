using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.History;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Policies.Tests.Briefings;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;

namespace EscalationStudio.Policies.Tests.Designer;

public sealed class SameTierEscalationTests
{
    private static readonly EscalationPolicyValidator Validator = new(new FixedOrg(Brightline.Org),
        new TemplateLibrary(Path.Combine(SampleTemplateTests.RepositoryRoot(), "templates")));

    [Fact]
    public void Escalating_twice_to_the_same_tier_on_one_path_is_refused_naming_the_step_and_its_id()
    {
        var policy = new PolicyFlow("twice", "Twice", "")
            .Node("Created", "TicketCreated", startsWorkflow: true)
            .Node("Up", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Node("AgainUp", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Connect("Created", "Done", "Up")
            .Connect("Up", "Escalated", "AgainUp")
            .Build();

        var problem = Assert.Single(Validator.Validate(policy));

        Assert.StartsWith("activity AgainUp: escalates to tier-2, where activity Up already moved the case", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_back_between_two_escalations_to_the_same_tier_is_allowed()
    {
        var policy = new PolicyFlow("round-trip", "Round trip", "")
            .Node("Created", "TicketCreated", startsWorkflow: true)
            .Node("Up", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Node("Back", "DeEscalate")
            .Node("UpAgain", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Connect("Created", "Done", "Up")
            .Connect("Up", "Escalated", "Back")
            .Connect("Back", "Done", "UpAgain")
            .Build();

        Assert.Empty(Validator.Validate(policy));
    }

    [Fact]
    public void The_diff_names_changed_settings_steps_and_connections_and_ignores_positions()
    {
        var before = new PolicyFlow("p", "P", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["target"] = "4h" }, startsWorkflow: true)
            .Build();
        var after = new PolicyFlow("p", "P", "")
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["target"] = "2h" }, startsWorkflow: true)
            .Node("ToTier2", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2" })
            .Connect("Clock", "Breached", "ToTier2")
            .Build();

        Assert.Equal(
            ["added step 'ToTier2' (Escalation.EscalateToTier)", "step 'Clock': target '4h' → '2h'", "connected 'Clock' —Breached→ 'ToTier2'"],
            PolicyDiff.Between(before, after));
        Assert.Empty(PolicyDiff.Between(after, after.Clone()));
    }
}
