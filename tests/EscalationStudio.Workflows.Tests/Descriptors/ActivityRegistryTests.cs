using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Workflows.Tests.Descriptors;

public sealed class ActivityRegistryTests
{
    [Activity("Escalation", "Escalation", "Moves a ticket up a tier.", DisplayName = "Escalate to tier")]
    [FlowNode("Escalated", "NotAllowed")]
    public sealed class EscalateToTier : Activity
    {
        [Input(Description = "Target tier", UIHint = UIHints.DropDown, Options = ["L1", "L2", "L3"], DefaultValue = "L2")]
        public Input<string>? Tier { get; set; }

        [Input(Description = "Urgent?")]
        public Input<bool>? Urgent { get; set; }

        [Output(Description = "The new escalation")]
        public Output<string>? EscalationId { get; set; }

        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }

    public sealed class NoAttribute : Activity
    {
        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }

    [Activity("Escalation")]
    [FlowNode("Same", "Same")]
    public sealed class Broken(int unused) : Activity
    {
        public int Unused => unused;

        [Input(DefaultValue = "not a number")]
        public Input<int>? Count { get; set; }

        [Output]
        public string? NotAnOutput { get; set; }

        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }

    [Fact]
    public void The_descriptor_has_the_shape_elsa_studio_reads()
    {
        var engine = new WorkflowEngineBuilder().AddActivity<EscalateToTier>().Build();

        var descriptor = engine.Registry.Find("Escalation.EscalateToTier")!.Descriptor;
        var json = JsonSerializer.SerializeToNode(descriptor, WorkflowDefinitionJson.SerializerOptions)!;

        Assert.Equal("Escalation.EscalateToTier", json["typeName"]!.GetValue<string>());
        Assert.Equal("Escalate to tier", json["displayName"]!.GetValue<string>());
        Assert.Equal("Action", json["kind"]!.GetValue<string>());
        var tier = json["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Tier")!;
        Assert.Equal(("String", "dropdown", "L2", true), (
            tier["typeName"]!.GetValue<string>(),
            tier["uiHint"]!.GetValue<string>(),
            tier["defaultValue"]!.GetValue<string>(),
            tier["isWrapped"]!.GetValue<bool>()));
        Assert.Equal(3, tier["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Count);
        Assert.Equal("checkbox", json["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Urgent")!["uiHint"]!.GetValue<string>());
        Assert.Equal("EscalationId", json["outputs"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(["Escalated", "NotAllowed"], json["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("Flow", json["ports"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Core_activities_are_registered_with_elsa_type_names()
    {
        var registry = new WorkflowEngineBuilder().Build().Registry;

        foreach (var type in new[] { "Elsa.Start", "Elsa.End", "Elsa.Complete", "Elsa.Finish", "Elsa.WriteLine", "Elsa.SetVariable", "Elsa.SetOutput",
                     "Elsa.FlowDecision", "Elsa.FlowSwitch", "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.FlowNode", "Elsa.Delay", "Elsa.Timer",
                     "Elsa.Event", "Elsa.ParallelForEach", "Elsa.RunJavaScript", "Elsa.Flowchart" })
        {
            Assert.NotNull(registry.Find(type));
        }

        Assert.Equal(ActivityKind.Trigger, registry.Find("Elsa.Event")!.Descriptor.Kind);
        Assert.True(registry.Find("Elsa.End")!.Descriptor.IsTerminal);
        Assert.Equal(["True", "False"], registry.Find("Elsa.FlowDecision")!.Descriptor.Ports.Select(p => p.Name));
    }

    [Fact]
    public void Registration_reports_every_problem_of_every_class_at_once()
    {
        var builder = new ActivityRegistryBuilder().Add<NoAttribute>().Add<Broken>().Add(typeof(string));

        var error = Assert.Throws<ActivityRegistrationException>(builder.Build);

        Assert.Contains(error.Problems, p => p.Contains("NoAttribute") && p.Contains("[Activity"));
        Assert.Contains(error.Problems, p => p.Contains("Broken") && p.Contains("parameterless constructor"));
        Assert.Contains(error.Problems, p => p.Contains("Broken") && p.Contains("twice"));
        Assert.Contains(error.Problems, p => p.Contains("Broken.Count") && p.Contains("default value"));
        Assert.Contains(error.Problems, p => p.Contains("Broken.NotAnOutput"));
        Assert.Contains(error.Problems, p => p.Contains("System.String") && p.Contains("Activity"));
    }

    [Fact]
    public void A_definition_usable_as_activity_is_described_with_synthetic_inputs_outputs_and_outcome_ports()
    {
        var definition = Support.WorkflowJson.Named("Refund cap").UsableAsActivity().Input("Amount", "Int32").Output("Allowed", "Boolean").Outcomes("Within", "Above").Build();

        var descriptor = WorkflowActivityDescriber.Describe(definition);

        Assert.Equal(("RefundCap", 1), (descriptor.TypeName, descriptor.Version));
        Assert.True(Assert.Single(descriptor.Inputs).IsSynthetic);
        Assert.Equal("Allowed", Assert.Single(descriptor.Outputs).Name);
        Assert.Equal(["Within", "Above"], descriptor.Ports.Select(p => p.Name));
        Assert.Equal(definition.Id, descriptor.CustomProperties["WorkflowDefinitionVersionId"]!.GetValue<string>());
    }

    [Fact]
    public void Two_classes_with_the_same_type_name_and_version_are_rejected()
    {
        var error = Assert.Throws<ActivityRegistrationException>(() => new WorkflowEngineBuilder().AddActivity<Duplicate.WriteLine>().Build());

        Assert.Contains(error.Problems, p => p.Contains("Elsa.WriteLine v1"));
    }

    [Fact]
    public void A_renamed_activity_is_found_by_its_former_name_and_runs_under_its_current_one()
    {
        var engine = new WorkflowEngineBuilder().AddActivity<Renamed.FlagRaised>().Build();

        Assert.Same(engine.Registry.Find("Escalation.FlagRaised"), engine.Registry.Find("Escalation.ManualFlag", 1));
        Assert.DoesNotContain(engine.Registry.Descriptors, d => d.TypeName == "Escalation.ManualFlag");
        var graph = engine.Materialize(WorkflowDefinitionJson.Parse(
            """{"definitionId":"old","root":{"type":"Elsa.Flowchart","id":"f","activities":[{"type":"Escalation.ManualFlag","id":"flag"}]}}"""));
        Assert.Empty(graph.Problems);
        Assert.Equal("Escalation.FlagRaised", graph.Nodes.Values.Single(a => a.Id == "flag").Type);
    }

    [Fact]
    public void A_former_name_another_activity_has_is_rejected()
    {
        var error = Assert.Throws<ActivityRegistrationException>(() =>
            new WorkflowEngineBuilder().AddActivity<Renamed.FlagRaised>().AddActivity<Renamed.ManualFlag>().Build());

        Assert.Contains(error.Problems, p => p.Contains("Escalation.ManualFlag v1"));
    }
}

public static class Renamed
{
    [Activity("Escalation", FormerTypes = ["ManualFlag"])]
    public sealed class FlagRaised : Activity
    {
        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }

    [Activity("Escalation")]
    public sealed class ManualFlag : Activity
    {
        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }
}

public static class Duplicate
{
    [Activity("Elsa")]
    public sealed class WriteLine : Activity
    {
        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }
}
