using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.State;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.State;

public sealed class WorkflowStateTests
{
    [Fact]
    public async Task A_suspended_instance_resumes_from_its_json_in_a_fresh_engine()
    {
        var definition = WorkflowJson.Named("Loop then wait")
            .Variable("v-count", "Count", "Int32", "0")
            .Activity("start", "Elsa.Start")
            .Activity("inc", "Elsa.SetVariable", new JsonObject
            {
                ["variable"] = new JsonObject { ["id"] = "v-count", ["name"] = "Count" },
                ["value"] = WorkflowJson.Script("getCount() + 1"),
            })
            .Activity("left", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Left") })
            .Activity("right", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Right") })
            .WriteLineScript("merge", "'Count ' + getCount()")
            .Connect("start", "inc").Connect("inc", "left").Connect("inc", "right").Connect("left", "merge").Connect("right", "merge")
            .Build();
        var first = new TestEngine();
        var run = await first.RunAsync(definition);
        var json = WorkflowStateJson.Serialize(run.State);

        var second = new TestEngine();
        var restored = WorkflowStateJson.Deserialize(json);
        var afterLeft = await second.ResumeAsync(definition, restored, restored.Bookmarks.Single(b => b.ActivityId == "left").Id);
        Assert.Equal(WorkflowSubStatus.Suspended, afterLeft.SubStatus);
        Assert.Empty(second.Lines.All);

        var third = new TestEngine();
        var roundTripped = WorkflowStateJson.Deserialize(WorkflowStateJson.Serialize(afterLeft.State));
        var finished = await third.ResumeAsync(definition, roundTripped, roundTripped.Bookmarks.Single().Id);

        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Equal(["Count 1"], third.Lines.All);
        Assert.Equal(definition.Id, finished.State.DefinitionVersionId);
    }

    [Fact]
    public async Task User_data_with_reference_like_keys_survives_serialisation()
    {
        var definition = WorkflowJson.Named("Dollar keys")
            .Variable("v-schema", "Schema", "Object")
            .Activity("set", "Elsa.SetVariable", new JsonObject
            {
                ["variable"] = new JsonObject { ["id"] = "v-schema", ["name"] = "Schema" },
                ["value"] = WorkflowJson.Script("return { \"$id\": \"#/a\", \"$ref\": \"#/b\", nested: { \"$values\": [1] } }"),
            })
            .Build();
        var run = await new TestEngine().RunAsync(definition);

        var json = WorkflowStateJson.Serialize(run.State);
        var again = WorkflowStateJson.Serialize(WorkflowStateJson.Deserialize(json));

        Assert.Equal(json, again);
        Assert.Contains("\"$id\":\"#/a\"", json);
    }
}
