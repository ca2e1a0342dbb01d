using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Files;

namespace EscalationStudio.Server.Tests.Studio.Definitions;

public sealed class PolicyFileNameTests
{
    [Theory]
    [InlineData("Refund over cap → Manager", "refund-over-cap-manager")]
    [InlineData("VipEscalation", "vip-escalation")]
    [InlineData("  Café  déjà vu  ", "cafe-deja-vu")]
    [InlineData("Tier2SLA", "tier2-sla")]
    [InlineData("---", "")]
    [InlineData(null, "")]
    public void Kebab_turns_a_policy_name_into_a_file_stem(string? name, string expected) =>
        Assert.Equal(expected, PolicyFileName.Kebab(name));

    [Fact]
    public void A_policy_without_a_usable_name_is_named_after_its_definition_id()
    {
        var definition = new WorkflowDefinition { DefinitionId = "a1B2", Name = "→" };

        Assert.Equal("a1-b2.json", PolicyFileName.For(definition));
    }
}
