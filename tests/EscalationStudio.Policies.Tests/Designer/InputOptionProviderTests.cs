using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;
using EscalationStudio.Policies.Designer;
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
    public void Escalation_activities_are_in_the_escalation_category_with_descriptions()
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
    public void Tier_inputs_list_the_org_directory_tiers() =>
        Assert.Equal(["tier-1", "tier-2", "managers", "billing", "retention", "legal"], Values("Escalation.EscalateToTier", "Tier"));

    [Fact]
    public void De_escalate_tier_offers_the_previous_tier_and_ladder_levels_only() =>
        Assert.Equal(["previous", "tier-1", "tier-2", "managers"], Values("Escalation.DeEscalate", "Tier"));

    [Fact]
    public void Customer_template_input_lists_customer_templates_only() =>
        Assert.Equal(["customer/case-escalated"], Values("Escalation.NotifyCustomer", "Template"));

    [Fact]
    public void Calendar_input_starts_with_the_owning_tiers_calendar() =>
        Assert.Equal(["", "emea-office", "americas-office", "legal-office"], Values("Escalation.SlaTimer", "Calendar"));

    [Fact]
    public void Keyword_list_is_multi_line_and_metric_is_a_dropdown()
    {
        Assert.Equal("multiline", Descriptors.Single(d => d.TypeName == "Escalation.KeywordMatched").Inputs.Single(i => i.Name == "Keywords").UIHint);
        var metric = Descriptors.Single(d => d.TypeName == "Escalation.SlaTimer").Inputs.Single(i => i.Name == "Metric");
        Assert.Equal("dropdown", metric.UIHint);
        Assert.NotNull(metric.UISpecifications);
    }

    [Fact]
    public void SlaTimer_has_its_three_ports() =>
        Assert.Equal(["Warning", "Breached", "Met"], Descriptors.Single(d => d.TypeName == "Escalation.SlaTimer").Ports.Select(p => p.Name).ToArray());

    [Fact]
    public void Skill_inputs_offer_the_skills_the_org_directorys_agents_have()
    {
        var skills = Values("Escalation.EscalateToTier", "Skill");
        Assert.Equal("", skills[0]);
        Assert.Equal(Brightline.Org.Agents.SelectMany(a => a.Skills).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase), skills[1..]);
        Assert.Equal(skills, Values("Escalation.ReassignWithinTier", "Skill"));
    }

    [Fact]
    public async Task Tag_inputs_offer_the_tags_recent_tickets_carry()
    {
        var recent = new RecentTags();
        var org = Brightline.Org;
        var open = new OpenTicket(new NewTicket("s", "d", new NewTicketRequester("C", "c@example.com"), TicketChannel.Email, Tags: ["blocker-resolved", "Billing"]), Actor.System);
        var ticket = open.Open(open.NewRequester(DateTimeOffset.UnixEpoch), org, DateTimeOffset.UnixEpoch);
        await recent.OnCommittedAsync(ticket, ticket.TakeUncommittedEvents(), CancellationToken.None);
        var host = new ServiceCollection().AddSingleton(recent).AddSingleton<IOrgDirectorySource>(new FixedOrg(org)).BuildServiceProvider();

        var tags = InputOptions.Fill(Descriptors.Single(d => d.TypeName == "Escalation.WaitForTicket"), host).Inputs.Single(i => i.Name == "Tag")
            .UISpecifications!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(item => (string)item!["value"]!).ToArray();

        Assert.Equal(["", "billing", "blocker-resolved"], tags);
    }
}
