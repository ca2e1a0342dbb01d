using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Policies.Tests.Briefings;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;

namespace EscalationStudio.Policies.Tests.Designer;

public sealed class EscalationPolicyValidatorTests
{
    private static readonly EscalationPolicyValidator Validator = new(new FixedOrg(Brightline.Org),
        new TemplateLibrary(Path.Combine(SampleTemplateTests.RepositoryRoot(), "templates")));

    [Fact]
    public void Validate_every_sample_policy_has_no_problems() =>
        Assert.All(SamplePolicies.All(), policy => Assert.Empty(Validator.Validate(policy)));

    [Fact]
    public void Validate_unknown_tier_template_and_calendar_are_named_with_their_activity()
    {
        var policy = new PolicyFlow("broken", "Broken", "")
            .Node("Start", "KeywordMatched", new Dictionary<string, object> { ["keywords"] = "# nothing here" }, startsWorkflow: true)
            .Node("Up", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-9", ["briefingTemplate"] = "agent/missing" })
            .Node("Clock", "SlaTimer", new Dictionary<string, object> { ["target"] = "soon", ["warningPercents"] = "50, 120", ["calendar"] = "mars" })
            .Build();

        var problems = Validator.Validate(policy).ToList();

        Assert.Contains(problems, p => p.StartsWith("activity Start: keywords", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("activity Up: tier 'tier-9' is not a tier", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("activity Up: briefingTemplate 'agent/missing'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("activity Clock: target 'soon'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("activity Clock: warningPercents", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("activity Clock: calendar 'mars'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_de_escalate_to_the_previous_tier_is_fine()
    {
        var policy = new PolicyFlow("ok", "Ok", "")
            .Node("Back", "DeEscalate", new Dictionary<string, object> { ["tier"] = "previous" })
            .Build();
        Assert.Empty(Validator.Validate(policy));
    }
}

internal sealed class FixedOrg(OrgDirectory org) : IOrgDirectorySource
{
    public OrgDirectory Current => org;
}
