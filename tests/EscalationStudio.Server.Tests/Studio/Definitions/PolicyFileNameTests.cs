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
    public void A_long_name_makes_a_stem_of_at_most_the_limit_cut_at_a_word()
    {
        var name = string.Join(' ', Enumerable.Repeat("Refund over cap", 20));

        var stem = PolicyFileName.Kebab(name);

        Assert.InRange(stem.Length, PolicyFileName.MaxStemLength / 2, PolicyFileName.MaxStemLength);
        Assert.StartsWith("refund-over-cap-refund", stem, StringComparison.Ordinal);
        Assert.EndsWith("cap", stem, StringComparison.Ordinal);
        Assert.Equal(PolicyFileName.MaxStemLength, PolicyFileName.Kebab(new string('a', 5_000)).Length);
    }

    [Fact]
    public void Only_safe_characters_make_the_file_name_whatever_the_name_holds()
    {
        var stem = PolicyFileName.Kebab("../..\\etc/passwd\0 \uD800 <script> CON:");

        Assert.Equal("etc-passwd-script-con", stem);
    }

    [Fact]
    public void A_policy_without_a_usable_name_is_named_after_its_definition_id()
    {
        var definition = new WorkflowDefinition { DefinitionId = "a1B2", Name = "→" };

        Assert.Equal("a1-b2.json", PolicyFileName.For(definition));
    }
}
