using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Materialization;

public sealed class UnknownActivityTests
{
    private static WorkflowDefinition WithUnknownActivity() => WorkflowJson.Named("From a richer Elsa")
        .Activity("http", "Elsa.HttpEndpoint", new JsonObject
        {
            ["path"] = WorkflowJson.Literal("/tickets"),
            ["supportedMethods"] = WorkflowJson.Object("[\"POST\"]", "List<String>"),
            ["authorize"] = null,
            ["customThing"] = new JsonObject { ["kept"] = new JsonArray(1, 2, 3) },
        }, canStartWorkflow: true)
        .WriteLine("log", "Received")
        .Connect("http", "log")
        .Build();

    [Fact]
    public void An_unknown_activity_type_round_trips_byte_for_byte()
    {
        var written = WorkflowDefinitionJson.Write(WithUnknownActivity());
        var engine = new TestEngine();

        var graph = engine.Engine.Materialize(WorkflowDefinitionJson.Parse(written));
        var rewritten = WorkflowDefinitionJson.Write(graph.Definition);

        Assert.Equal(written, rewritten);
        Assert.Contains("\"customThing\"", rewritten);
    }

    [Fact]
    public async Task Publishing_a_definition_with_an_unknown_type_fails_naming_the_activity_and_type()
    {
        var engine = new TestEngine();
        var runtime = new WorkflowRuntime(engine.Engine, engine.Published, new InMemoryWorkflowInstanceStore(), new InMemoryBookmarkStore(),
            new InMemoryTriggerStore(), new InMemoryIncidentStore(), new InProcessInstanceLock());

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => runtime.PublishAsync(WithUnknownActivity()).AsTask());

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("http", "Elsa.HttpEndpoint"), (problem.ActivityId, problem.ActivityType));
        Assert.Contains("'http'", error.Message);
    }

    [Fact]
    public void Legacy_connections_and_top_level_can_start_workflow_are_read()
    {
        var json = new JsonObject
        {
            ["id"] = "legacy",
            ["definitionId"] = "legacy",
            ["root"] = new JsonObject
            {
                ["id"] = "Flowchart1",
                ["type"] = "Elsa.Flowchart",
                ["start"] = "b",
                ["activities"] = new JsonArray(
                    new JsonObject { ["id"] = "a", ["type"] = "Elsa.WriteLine", ["canStartWorkflow"] = true },
                    new JsonObject { ["id"] = "b", ["type"] = "Elsa.WriteLine" }),
                ["connections"] = new JsonArray(new JsonObject { ["source"] = "a", ["target"] = "b", ["sourcePort"] = "Done", ["targetPort"] = "In" }),
            },
        };

        var graph = new TestEngine().Engine.Materialize(WorkflowDefinitionJson.FromJson(json));

        var flowchart = Assert.IsType<Workflows.Flowcharts.Flowchart>(graph.Nodes["Workflow1:Flowchart1"]);
        var connection = Assert.Single(flowchart.Connections);
        Assert.Equal(("a", "Done", "b"), (connection.Source.Id, connection.SourcePort, connection.Target.Id));
        Assert.True(graph.Nodes["Workflow1:Flowchart1:a"].CanStartWorkflow);
        Assert.True(graph.IsValid);
    }
}
