using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Activities;

public sealed class WorkflowAsActivityTests
{
    private readonly TestEngine _engine = new();

    [Fact]
    public async Task A_child_workflow_gets_its_inputs_from_the_node_and_hands_back_its_outputs()
    {
        _engine.Published.Add(WorkflowJson.Named("Refund cap", "refund-cap").UsableAsActivity()
            .Input("Amount", "Int32").Input("Tier", "String").Output("Allowed", "Boolean")
            .Activity("check", "Elsa.SetOutput", new JsonObject
            {
                ["outputName"] = WorkflowJson.Literal("Allowed"),
                ["outputValue"] = WorkflowJson.Script("getTier() === 'L2' ? getAmount() <= 500 : getAmount() <= 50"),
            })
            .Build());
        var parent = WorkflowJson.Named("Approve refund")
            .Input("Tier", "String")
            .Variable("v-allowed", "Allowed", "Boolean")
            .Activity("cap", "RefundCap", new JsonObject
            {
                ["amount"] = WorkflowJson.Literal("120", "Int32"),
                ["tier"] = WorkflowJson.Script("getTier()"),
                ["allowed"] = WorkflowJson.BoundTo("v-allowed", "Boolean"),
            })
            .WriteLineScript("say", "'Allowed: ' + getAllowed()")
            .Connect("cap", "say");

        var run = await _engine.RunAsync(parent, new Dictionary<string, object?> { ["Tier"] = "L2" });

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["Allowed: true"], _engine.Lines.All);
    }

    [Fact]
    public async Task Complete_ends_only_the_innermost_definition_with_its_outcome()
    {
        _engine.Published.Add(WorkflowJson.Named("Check VIP", "check-vip").UsableAsActivity().Outcomes("Vip", "Regular")
            .Activity("done", "Elsa.Complete", new JsonObject { ["outcomes"] = WorkflowJson.Literal("Vip", "Object") })
            .WriteLine("never", "Not reached")
            .Connect("done", "never")
            .Build());
        _engine.Published.Add(WorkflowJson.Named("Wrapper", "wrapper").UsableAsActivity()
            .Activity("inner", "CheckVIP")
            .WriteLine("vip", "Inner saw VIP")
            .Connect("inner", "vip", "Vip")
            .Build());
        var workflow = WorkflowJson.Named("Outer")
            .Activity("wrap", "Wrapper")
            .WriteLine("end", "Outer continues")
            .Connect("wrap", "end");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Inner saw VIP", "Outer continues"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }

    [Fact]
    public async Task A_workflow_that_uses_itself_is_reported_instead_of_recursing_forever()
    {
        var selfish = WorkflowJson.Named("Selfish").UsableAsActivity().Activity("me", "Selfish").Build();
        _engine.Published.Add(selfish);

        var graph = _engine.Published.GetGraph(selfish, _engine.Engine);

        Assert.Contains(graph.Problems, p => p.Message.Contains("nest deeper"));
        await Task.CompletedTask;
    }
}
