using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Flowcharts;

public sealed class FlowchartJoinTests
{
    private readonly TestEngine _engine = new();

    private static JsonObject JoinMode(string mode) => new()
    {
        ["mode"] = WorkflowJson.Literal(mode, "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core"),
    };

    [Fact]
    public async Task Branches_run_in_connection_order_and_a_wait_all_join_runs_once_after_both()
    {
        var workflow = WorkflowJson.Named("Handover")
            .WriteLine("triage", "Triage")
            .WriteLine("notify-agent", "Notify agent")
            .WriteLine("notify-customer", "Notify customer")
            .Activity("join", "Elsa.FlowJoin", JoinMode("WaitAll"))
            .WriteLine("close", "Close")
            .Connect("triage", "notify-agent").Connect("triage", "notify-customer")
            .Connect("notify-agent", "join").Connect("notify-customer", "join").Connect("join", "close");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Triage", "Notify agent", "Notify customer", "Close"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Single(run.CompletedActivityIds, id => id == "join");
    }

    [Fact]
    public async Task Wait_any_join_continues_on_the_first_branch_and_ignores_the_later_one()
    {
        var workflow = WorkflowJson.Named("First responder")
            .WriteLine("start", "Start")
            .Activity("left", "Elsa.FlowJoin", JoinMode("WaitAny"))
            .Activity("right", "Elsa.FlowJoin", JoinMode("WaitAny"))
            .Activity("any", "Elsa.FlowJoin", JoinMode("WaitAny"))
            .WriteLine("end", "End")
            .Connect("start", "left").Connect("start", "right")
            .Connect("left", "any").Connect("right", "any").Connect("any", "end");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Start", "End"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }

    [Fact]
    public async Task Wait_any_join_cancels_the_branch_still_waiting()
    {
        var workflow = WorkflowJson.Named("Reply or timeout")
            .Activity("start", "Elsa.Start")
            .Activity("wait-reply", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("CustomerReplied") })
            .WriteLine("fast", "Fast path")
            .Activity("any", "Elsa.FlowJoin", JoinMode("WaitAny"))
            .WriteLine("end", "End")
            .Connect("start", "wait-reply").Connect("start", "fast")
            .Connect("wait-reply", "any").Connect("fast", "any").Connect("any", "end");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Fast path", "End"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Empty(run.Bookmarks);
    }

    [Fact]
    public async Task Implicit_join_waits_for_active_branches_and_skips_the_dead_one()
    {
        var workflow = WorkflowJson.Named("Decide then merge")
            .Activity("decide", "Elsa.FlowDecision", new JsonObject { ["condition"] = WorkflowJson.Literal("true", "Boolean") })
            .WriteLine("vip", "VIP path")
            .WriteLine("standard", "Standard path")
            .WriteLine("merge", "Merged")
            .Connect("decide", "vip", "True").Connect("decide", "standard", "False")
            .Connect("vip", "merge").Connect("standard", "merge");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["VIP path", "Merged"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }

    [Fact]
    public async Task A_target_of_both_decision_ports_runs_once_and_the_flowchart_finishes()
    {
        var workflow = WorkflowJson.Named("Both ports")
            .Activity("decide", "Elsa.FlowDecision", new JsonObject { ["condition"] = WorkflowJson.Script("true", "Boolean") })
            .WriteLine("after", "After")
            .Connect("decide", "after", "True").Connect("decide", "after", "False");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["After"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }

    [Fact]
    public async Task Wait_all_join_with_a_dead_branch_is_skipped_and_nothing_after_it_runs()
    {
        var workflow = WorkflowJson.Named("Needs both")
            .Activity("decide", "Elsa.FlowDecision", new JsonObject { ["condition"] = WorkflowJson.Literal("false", "Boolean") })
            .WriteLine("approve", "Approved")
            .WriteLine("audit", "Audited")
            .Activity("all", "Elsa.FlowJoin", JoinMode("WaitAll"))
            .WriteLine("after", "After")
            .Connect("decide", "approve", "True").Connect("decide", "audit", "False")
            .Connect("approve", "all").Connect("audit", "all").Connect("all", "after");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Audited"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }
}
