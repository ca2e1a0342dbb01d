using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Policies.Tests.Briefings;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Tests.Designer;

public sealed class InputOptionProviderTests
{
    private static readonly IReadOnlyList<ActivityDescriptor> Descriptors =
        [.. new WorkflowEngineBuilder().AddEscalationActivities().Build().Registry.Descriptors];

    /// <summary>What the server's providers are created from: the org directory and the templates folder.</summary>
    private static readonly ServiceProvider Host = new ServiceCollection()
        .AddSingleton<IOrgDirectorySource>(new FixedOrg(Brightline.Org))
        .AddSingleton(new TemplateLibrary(Path.Combine(SampleTemplateTests.RepositoryRoot(), "templates")))
        .BuildServiceProvider();

    private static string[] Values(string type, string input) =>
        [.. InputOptions.Fill(Descriptors.Single(d => d.TypeName == type), Host).Inputs.Single(i => i.Name == input)
            .UISpecifications!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(item => (string)item!["value"]!)];

    [Fact]
    public void EscalationActivities_AreInTheEscalationCategoryWithDescriptions()
    {
        var escalation = Descriptors.Where(d => d.TypeName.StartsWith("Escalation.", StringComparison.Ordinal)).ToList();
        Assert.Equal(22, escalation.Count);
        Assert.All(escalation, d =>
        {
            Assert.Equal("Escalation", d.Category);
            Assert.False(string.IsNullOrWhiteSpace(d.Description), d.TypeName);
            Assert.DoesNotContain(" ", d.TypeName, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void TierInputs_ListTheOrgDirectoryTiers() =>
        Assert.Equal(["tier-1", "tier-2", "managers", "billing", "retention", "legal"], Values("Escalation.EscalateToTier", "Tier"));

    [Fact]
    public void DeEscalateTier_OffersThePreviousTierAndLadderLevelsOnly() =>
        Assert.Equal(["previous", "tier-1", "tier-2", "managers"], Values("Escalation.DeEscalate", "Tier"));

    [Fact]
    public void CustomerTemplateInput_ListsCustomerTemplatesOnly() =>
        Assert.Equal(["customer/case-escalated"], Values("Escalation.NotifyCustomer", "Template"));

    [Fact]
    public void CalendarInput_StartsWithTheOwningTiersCalendar() =>
        Assert.Equal(["", "emea-office", "americas-office", "legal-office"], Values("Escalation.SlaTimer", "Calendar"));

    [Fact]
    public void KeywordList_IsMultiLineAndMetricIsADropdown()
    {
        Assert.Equal("multiline", Descriptors.Single(d => d.TypeName == "Escalation.KeywordMatched").Inputs.Single(i => i.Name == "Keywords").UIHint);
        var metric = Descriptors.Single(d => d.TypeName == "Escalation.SlaTimer").Inputs.Single(i => i.Name == "Metric");
        Assert.Equal("dropdown", metric.UIHint);
        Assert.NotNull(metric.UISpecifications);
    }

    [Fact]
    public void SlaTimer_HasItsThreePorts() =>
        Assert.Equal(["Warning", "Breached", "Met"], Descriptors.Single(d => d.TypeName == "Escalation.SlaTimer").Ports.Select(p => p.Name).ToArray());
}
