using System.Text.Json.Nodes;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Tests.Naming;

public sealed class StepNamesTests
{
    private static readonly WorkflowEngine Engine = new WorkflowEngineBuilder().AddEscalationActivities().Build();

    [Theory]
    [InlineData("EscalateToTier1", "Escalate to tier")]
    [InlineData("EscalateToTier", "Escalate to tier")]
    [InlineData("HighValue", "High value")]
    [InlineData("ToRetention", "To retention")]
    [InlineData("AnsweredInFiveMinutes", "Answered in five minutes")]
    [InlineData("Escalate VIPs to managers", "Escalate VIPs to managers")]
    [InlineData("", "Escalate to tier")]
    [InlineData(null, "Escalate to tier")]
    public void Readable_turns_designer_defaults_and_identifiers_into_words_and_keeps_written_names(string? name, string expected) =>
        Assert.Equal(expected, StepNames.Readable(name, "Escalation.EscalateToTier", Engine.Registry.Find("Escalation.EscalateToTier")!.Descriptor));

    [Theory]
    [InlineData("SLATimer2", "SLA timer 2")]
    [InlineData("notify_customer", "notify customer")]
    [InlineData("VipCustomer", "Vip customer")]
    public void Words_splits_identifiers_and_keeps_acronyms(string identifier, string expected) =>
        Assert.Equal(expected, StepNames.Words(identifier));

    [Theory]
    [InlineData("SlaTimer3", true)]
    [InlineData("SlaTimer", true)]
    [InlineData("SlaTimerBreach", false)]
    [InlineData("Sla", false)]
    public void Is_designer_default_only_for_the_type_name_and_a_counter(string name, bool expected) =>
        Assert.Equal(expected, StepNames.IsDesignerDefault(name, "Escalation.SlaTimer"));

    [Fact]
    public void Complete_names_dropped_activities_writes_their_defaults_and_drops_elsa_strategies()
    {
        var model = WorkflowDefinitionJson.Parse("""
            {
              "definitionId": "p", "name": "P",
              "options": { "commitStrategyName": "WorkflowExecuted", "incidentStrategyType": "Continue" },
              "root": { "id": "flowchart1", "type": "Elsa.Flowchart", "version": 1, "connections": [],
                "activities": [
                  { "id": "a", "name": "SlaTimer1", "type": "Escalation.SlaTimer", "version": 1, "customProperties": { "commitStrategyName": "ActivityExecuted" } },
                  { "id": "b", "name": "SlaTimer2", "type": "Escalation.SlaTimer", "version": 1,
                    "metric": { "typeName": "SlaMetric", "expression": { "type": "Literal", "value": "Resolution" } } },
                  { "id": "c", "name": "Watch the first answer", "type": "Escalation.SlaTimer", "version": 1 },
                  { "id": "d", "name": "Mystery1", "type": "Acme.Mystery", "version": 1 }
                ] }
            }
            """);

        SavedPolicyDefaults.Complete(model, Engine.Registry);

        var activities = model.Root!["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(["SLA timer", "SLA timer 2", "Watch the first answer", "Mystery1"], activities.Select(a => (string?)a["name"]));
        Assert.Equal("FirstResponse", (string?)activities[0]["metric"]!["expression"]!["value"]);
        Assert.Equal("50, 75, 90", (string?)activities[0]["warningPercents"]!["expression"]!["value"]);
        Assert.Equal("True", (string?)activities[0]["pauseWhileWaiting"]!["expression"]!["value"]);
        Assert.Null(activities[0]["calendar"]);
        Assert.Equal("Resolution", (string?)activities[1]["metric"]!["expression"]!["value"]);
        Assert.False(activities[0]["customProperties"]!.AsObject().ContainsKey("commitStrategyName"));
        Assert.Equal(["id", "name", "type", "version"], activities[3].Select(p => p.Key));
        Assert.Null(model.Options.CommitStrategyName);
        Assert.Null(model.Options.IncidentStrategyType);
    }
}
