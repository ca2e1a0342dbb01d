using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Flowcharts;

public sealed class FlowchartControlTests
{
    private readonly TestEngine _engine = new();

    [Fact]
    public async Task A_backward_connection_loops_until_the_decision_says_stop()
    {
        var workflow = WorkflowJson.Named("Retry notification")
            .Variable("v-attempts", "Attempts", "Int32", "0")
            .WriteLine("send", "Send")
            .Activity("count", "Elsa.SetVariable", new JsonObject
            {
                ["variable"] = new JsonObject { ["id"] = "v-attempts", ["name"] = "Attempts", ["typeName"] = "Int32" },
                ["value"] = WorkflowJson.Script("getAttempts() + 1"),
            })
            .Activity("enough", "Elsa.FlowDecision", new JsonObject { ["condition"] = WorkflowJson.Script("getAttempts() >= 3", "Boolean") })
            .WriteLine("retry", "Retry")
            .WriteLine("done", "Done")
            .Activity("start", "Elsa.Start")
            .Connect("start", "send").Connect("send", "count").Connect("count", "enough")
            .Connect("enough", "retry", "False").Connect("retry", "send").Connect("enough", "done", "True");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Send", "Retry", "Send", "Retry", "Send", "Done"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var root = run.State.ActivityExecutionContexts.Single(c => c.ParentContextId is null);
        Assert.Equal(3, root.Variables!.Single(v => v.Name == "Attempts").Value!.GetValue<int>());
    }

    [Fact]
    public async Task A_loop_without_an_exit_faults_instead_of_spinning_forever()
    {
        var engine = new TestEngine(builder => builder.MaxActivityExecutionsPerRun = 500);
        var workflow = WorkflowJson.Named("Endless")
            .Activity("start", "Elsa.Start")
            .Activity("ping", "Elsa.SetOutput", new JsonObject { ["outputName"] = WorkflowJson.Literal("Pings"), ["outputValue"] = WorkflowJson.Literal("1") })
            .Activity("pong", "Elsa.FlowJoin")
            .Connect("start", "ping").Connect("ping", "pong").Connect("pong", "ping");

        var run = await engine.RunAsync(workflow);

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Contains("loop without an exit", Assert.Single(run.Incidents).Message);
    }

    [Fact]
    public async Task Start_activity_is_chosen_even_when_listed_last()
    {
        var workflow = WorkflowJson.Named("Start last")
            .WriteLine("orphan", "Orphan")
            .WriteLine("first", "First")
            .Activity("start", "Elsa.Start")
            .Connect("start", "first");

        await _engine.RunAsync(workflow);

        Assert.Equal(["First"], _engine.Lines.All);
    }

    [Fact]
    public async Task Fork_branches_come_from_an_object_expression()
    {
        var workflow = WorkflowJson.Named("Fork")
            .Activity("fork", "Elsa.FlowFork", new JsonObject { ["branches"] = WorkflowJson.Object("[\"Agent\",\"Customer\"]", "String[]") })
            .WriteLine("agent", "Brief agent")
            .WriteLine("customer", "Tell customer")
            .Connect("fork", "agent", "Agent").Connect("fork", "customer", "Customer");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Brief agent", "Tell customer"], _engine.Lines.All);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }

    [Theory]
    [InlineData("refund please", "Refund")]
    [InlineData("I will sue", "Legal")]
    [InlineData("hello", "Default")]
    public async Task Switch_completes_with_the_first_matching_case_or_default(string message, string expected)
    {
        var workflow = WorkflowJson.Named("Keyword router")
            .Input("Message", "String")
            .Activity("switch", "Elsa.FlowSwitch", new JsonObject
            {
                ["cases"] = new JsonArray(
                    new JsonObject { ["label"] = "Refund", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getMessage().includes('refund')" } },
                    new JsonObject { ["label"] = "Legal", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getMessage().includes('sue')" } }),
            })
            .WriteLine("refund", "Refund").WriteLine("legal", "Legal").WriteLine("default", "Default")
            .Connect("switch", "refund", "Refund").Connect("switch", "legal", "Legal").Connect("switch", "default", "Default");

        await _engine.RunAsync(workflow, new Dictionary<string, object?> { ["Message"] = message });

        Assert.Equal([expected], _engine.Lines.All);
    }

    [Fact]
    public async Task End_completes_the_flowchart_and_cancels_the_waiting_branch()
    {
        var workflow = WorkflowJson.Named("End early")
            .Activity("start", "Elsa.Start")
            .Activity("wait", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Never") })
            .Activity("end", "Elsa.End")
            .WriteLine("after-wait", "Should not run")
            .Connect("start", "wait").Connect("start", "end").Connect("wait", "after-wait");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Empty(run.Bookmarks);
        Assert.Empty(_engine.Lines.All);
    }

    [Fact]
    public async Task Parallel_for_each_runs_the_body_per_item_and_completes_once()
    {
        var body = new JsonObject
        {
            ["id"] = "body",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "say",
                ["type"] = "Elsa.WriteLine",
                ["text"] = WorkflowJson.Script("`Tier ${getCurrentValue()}`", "String"),
            }),
            ["connections"] = new JsonArray(),
        };
        var workflow = WorkflowJson.Named("Each tier")
            .Activity("each", "Elsa.ParallelForEach", new JsonObject { ["items"] = WorkflowJson.Script("['L1','L2','L3']", "Object[]"), ["body"] = body })
            .WriteLine("end", "End")
            .Connect("each", "end");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(["Tier L1", "Tier L2", "Tier L3", "End"], _engine.Lines.All);
        Assert.Single(run.CompletedActivityIds, id => id == "each");
    }

    [Fact]
    public async Task Null_text_writes_an_empty_line()
    {
        await _engine.RunAsync(WorkflowJson.Named("Null text").Activity("w", "Elsa.WriteLine", new JsonObject { ["text"] = null }));

        Assert.Equal([""], _engine.Lines.All);
    }
}
