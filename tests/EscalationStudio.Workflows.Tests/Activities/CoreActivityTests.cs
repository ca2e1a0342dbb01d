using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Activities;

public sealed class CoreActivityTests
{
    private readonly TestEngine _engine = new();

    [Fact]
    public async Task Set_output_writes_the_workflow_output_and_variable_expressions_read_variables()
    {
        var workflow = WorkflowJson.Named("Outputs")
            .Output("Decision", "String")
            .Variable("v-tier", "Tier", "String", "L3")
            .Activity("set", "Elsa.SetOutput", new JsonObject
            {
                ["outputName"] = WorkflowJson.Literal("Decision"),
                ["outputValue"] = new JsonObject
                {
                    ["typeName"] = "Object",
                    ["expression"] = new JsonObject { ["type"] = "Variable", ["value"] = new JsonObject { ["id"] = "v-tier", ["name"] = "Tier" } },
                },
            });

        var run = await _engine.RunAsync(workflow);

        Assert.Equal("L3", run.State.Output["Decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Finish_ends_the_instance_even_with_a_waiting_branch()
    {
        var workflow = WorkflowJson.Named("Finish")
            .Activity("start", "Elsa.Start")
            .Activity("wait", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Never") })
            .Activity("finish", "Elsa.Finish")
            .Connect("start", "wait").Connect("start", "finish");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal((WorkflowStatus.Finished, WorkflowSubStatus.Finished), (run.Status, run.SubStatus));
        Assert.Empty(run.Bookmarks);
    }

    [Fact]
    public async Task Timer_and_event_triggers_index_elsa_payloads_only_when_they_can_start_the_workflow()
    {
        var workflow = WorkflowJson.Named("Triggers")
            .Activity("timer", "Elsa.Timer", new JsonObject { ["interval"] = WorkflowJson.Literal("01:00:00", "TimeSpan") }, canStartWorkflow: true)
            .Activity("event", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Escalated") }, canStartWorkflow: true)
            .Activity("mid-flow", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Ignored") })
            .Build();

        var triggers = _engine.Engine.GetTriggers(_engine.Engine.Materialize(workflow));

        Assert.Equal(["timer", "event"], triggers.Select(t => t.ActivityId));
        Assert.Equal(StimulusHasher.Hash("Elsa.Event", new EventStimulus("Escalated")), triggers[1].Hash);
        Assert.Equal("01:00:00", triggers[0].Payload!["Interval"]!.GetValue<string>());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_flowchart_without_activities_completes_at_once()
    {
        var run = await _engine.RunAsync(WorkflowJson.Named("Empty"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }
}
