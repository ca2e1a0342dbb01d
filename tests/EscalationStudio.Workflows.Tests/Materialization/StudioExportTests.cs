using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Materialization;

/// <summary>A policy as Elsa Studio 3.8 exports it: designer metadata, node ids, empty literals, an implicit join.</summary>
public sealed class StudioExportTests
{
    private static WorkflowDefinition Policy() =>
        WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "vip-refund-policy.json")));

    [Fact]
    public async Task A_small_refund_is_decided_at_once()
    {
        var engine = new TestEngine();

        var run = await engine.RunAsync(Policy(), new Dictionary<string, object?> { ["RequestedAmount"] = 120 });

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal("auto-approved", run.State.Output["Decision"]!.GetValue<string>());
        Assert.Equal([""], engine.Lines.All);
    }

    [Fact]
    public async Task A_large_refund_waits_for_the_manager_and_takes_the_answer()
    {
        var engine = new TestEngine();
        var definition = Policy();

        var waiting = await engine.RunAsync(definition, new Dictionary<string, object?> { ["RequestedAmount"] = "900" });
        var bookmark = Assert.Single(waiting.Bookmarks);
        Assert.Equal(StimulusHasher.Hash("Elsa.Event", new EventStimulus("ManagerAnswered")), bookmark.Hash);

        var done = await engine.ResumeAsync(definition, waiting.State, bookmark.Id, new Dictionary<string, object?> { ["decision"] = "approved" });

        Assert.Equal(WorkflowSubStatus.Finished, done.SubStatus);
        Assert.Equal("approved", done.State.Output["Decision"]!.GetValue<string>());
    }

    [Fact]
    public void The_export_is_written_back_unchanged_apart_from_formatting()
    {
        var original = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "vip-refund-policy.json")))!;

        var written = System.Text.Json.Nodes.JsonNode.Parse(WorkflowDefinitionJson.Write(Policy()))!;

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(original, written));
    }
}
