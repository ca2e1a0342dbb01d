using System.Text.Json.Nodes;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Tests.Dispatch;

/// <summary>One class is one ticket trigger: the catalog reads the rules off the activity registry, so none is forgotten.</summary>
public sealed class TicketTriggerCatalogTests
{
    private static readonly WorkflowEngine Engine = new WorkflowEngineBuilder().AddEscalationActivities().Build();

    private static readonly TicketTriggerCatalog Catalog = new(Engine.Registry);

    public static TheoryData<string> EscalationTriggers() =>
        [.. Engine.Registry.Registrations
            .Where(r => r.Descriptor.Kind == ActivityKind.Trigger && r.ClrType.Assembly == typeof(TicketTrigger).Assembly)
            .Select(r => r.Descriptor.TypeName)];

    /// <summary>The trigger as the first node of a policy, indexed as publishing does, and read back by the catalog.</summary>
    private static IReadOnlyList<TicketTriggerRule> IndexedRules(string typeName, IReadOnlyDictionary<string, object>? inputs = null, string? nullInput = null)
    {
        var policy = new PolicyFlow("catalog-test", "Catalog test", "").Node("Trigger", typeName, inputs, startsWorkflow: true).Build();
        if (nullInput is not null)
        {
            // What the designer or a hand-written file may hold for a cleared input: the input with a null literal.
            policy.Root!["activities"]![0]![nullInput] = JsonNode.Parse("""{"typeName":"Object","expression":{"type":"Literal","value":null}}""");
        }

        var triggers = Engine.GetTriggers(Engine.Materialize(policy));
        return Catalog.RulesOf([.. triggers.Select((t, i) => new StoredTrigger($"t{i}", policy.DefinitionId, policy.Id, t))]);
    }

    [Fact]
    public void The_escalation_library_has_its_twelve_triggers_the_four_handover_waits_included() =>
        Assert.Equal(12, EscalationTriggers().Count);

    [Theory]
    [MemberData(nameof(EscalationTriggers))]
    public void Every_registered_trigger_activity_declares_the_rule_the_dispatcher_evaluates(string typeName)
    {
        var type = Engine.Registry.Find(typeName)!.ClrType;

        Assert.True(TicketTriggerCatalog.RuleTypeOf(type) is not null,
            $"{type.Name} is a trigger without a ticket rule: derive it from TicketTrigger<TRule> (or implement ITicketTrigger<TRule>), or it never fires.");
    }

    [Theory]
    [MemberData(nameof(EscalationTriggers))]
    public void Every_trigger_indexes_a_payload_the_catalog_reads_back_as_its_rule(string typeName)
    {
        var rule = Assert.Single(IndexedRules(typeName)).Rule;

        Assert.IsType(TicketTriggerCatalog.RuleTypeOf(Engine.Registry.Find(typeName)!.ClrType)!, rule);
    }

    [Fact]
    public void Triggers_that_are_not_ticket_triggers_are_left_out() =>
        Assert.Empty(IndexedRules("Elsa.Event", new Dictionary<string, object> { ["eventName"] = "ticket-updated" }));

    [Fact]
    public void An_input_left_null_reads_as_the_default_its_attribute_declares()
    {
        var sentiment = Assert.IsType<SentimentRule>(Assert.Single(IndexedRules("SentimentTurned", nullInput: "threshold")).Rule);
        var vip = Assert.IsType<VipRuleTrigger>(Assert.Single(IndexedRules("VipCustomer", nullInput: "honourVipFlag")).Rule);

        Assert.Equal(-0.5, sentiment.Threshold);
        Assert.True(vip.HonourVipFlag);
    }

    [Fact]
    public void An_input_left_out_reads_as_the_default_its_attribute_declares() =>
        Assert.Equal(-0.5, Assert.IsType<SentimentRule>(Assert.Single(IndexedRules("SentimentTurned")).Rule).Threshold);

    [Fact]
    public void A_set_input_wins_over_the_declared_default()
    {
        var rule = Assert.IsType<SentimentRule>(Assert.Single(IndexedRules("SentimentTurned", new Dictionary<string, object> { ["threshold"] = -0.2 })).Rule);

        Assert.Equal(-0.2, rule.Threshold);
    }
}
