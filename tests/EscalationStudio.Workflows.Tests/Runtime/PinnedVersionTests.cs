using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Runtime;

public sealed class PinnedVersionTests
{
    private sealed class VersionArchive(params WorkflowDefinition[] versions) : IDefinitionVersionSource
    {
        public ValueTask<WorkflowDefinition?> FindVersionAsync(string definitionVersionId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(versions.FirstOrDefault(v => v.Id == definitionVersionId));
    }

    private static WorkflowDefinition Version(int number, string line)
    {
        var definition = WorkflowJson.Named("Pinned", "pinned")
            .Activity("wait", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Go") })
            .WriteLine("say", line)
            .Connect("wait", "say")
            .Build();
        definition.Id = $"pinned-v{number}";
        definition.Version = number;
        return definition;
    }

    [Fact]
    public async Task After_a_restart_an_instance_resumes_on_its_old_version_loaded_from_the_archive()
    {
        var instances = new InMemoryWorkflowInstanceStore();
        var bookmarks = new InMemoryBookmarkStore();
        var before = new TestEngine();
        var firstRuntime = new WorkflowRuntime(before.Engine, before.Published, instances, bookmarks, new InMemoryTriggerStore(), new InMemoryIncidentStore(), new InProcessInstanceLock());
        await firstRuntime.PublishAsync(Version(1, "Version 1"));
        await firstRuntime.StartAsync("pinned-v1");

        var after = new TestEngine();
        var restarted = new WorkflowRuntime(after.Engine, after.Published, instances, bookmarks, new InMemoryTriggerStore(), new InMemoryIncidentStore(),
            new InProcessInstanceLock(), versionSource: new VersionArchive(Version(1, "Version 1")));
        await restarted.PublishAsync(Version(2, "Version 2"));

        var result = await restarted.SendStimulusAsync(Stimulus.Event("Go"));

        Assert.Equal(WorkflowSubStatus.Finished, Assert.Single(result.Resumed).SubStatus);
        Assert.Equal(["Version 1"], after.Lines.All);
    }
}
