using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>The running server picks up changes in workflows/ without a restart.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class WorkflowsFolderTests(StudioServer server)
{
    private static readonly TimeSpan PickUp = TimeSpan.FromSeconds(15);

    private PublishedWorkflows Live => server.Services.GetRequiredService<PublishedWorkflows>();

    [Fact]
    public async Task A_policy_file_added_to_workflows_goes_live_and_removing_it_takes_it_out()
    {
        var definition = Sample("dropped-in", "Dropped in");

        await File.WriteAllTextAsync(server.PolicyFile("dropped-in.json"), WorkflowDefinitionJson.Write(definition));
        await Eventually(() => Live.FindPublished("dropped-in") is not null);
        File.Delete(server.PolicyFile("dropped-in.json"));
        await Eventually(() => Live.FindPublished("dropped-in") is null);

        var versions = await server.Services.GetRequiredService<IWorkflowDefinitionStore>().ListVersionsAsync("dropped-in");
        Assert.All(versions, v => Assert.False(v.IsPublished));
    }

    [Fact]
    public async Task An_edited_file_replaces_the_live_version()
    {
        var definition = Sample("edited-on-disk", "Edited on disk");
        await File.WriteAllTextAsync(server.PolicyFile("edited-on-disk.json"), WorkflowDefinitionJson.Write(definition));
        await Eventually(() => Live.FindPublished("edited-on-disk") is not null);

        definition.Description = "changed by a git pull";
        await File.WriteAllTextAsync(server.PolicyFile("edited-on-disk.json"), WorkflowDefinitionJson.Write(definition));

        await Eventually(() => Live.FindPublished("edited-on-disk")?.Description == "changed by a git pull");
    }

    [Fact]
    public async Task A_broken_file_is_skipped_the_last_good_version_stays_live_and_the_others_keep_running()
    {
        var definition = Sample("breaks-later", "Breaks later");
        await File.WriteAllTextAsync(server.PolicyFile("breaks-later.json"), WorkflowDefinitionJson.Write(definition));
        await Eventually(() => Live.FindPublished("breaks-later") is not null);

        await File.WriteAllTextAsync(server.PolicyFile("breaks-later.json"), "{ \"definitionId\": \"breaks-later\", \"root\": ");
        await File.WriteAllTextAsync(server.PolicyFile("unknown-activity.json"),
            WorkflowDefinitionJson.Write(WithActivity(Sample("unknown-activity", "Unknown activity"), "Acme.Teleport")));
        var marker = Sample("after-broken", "After broken");
        await File.WriteAllTextAsync(server.PolicyFile("after-broken.json"), WorkflowDefinitionJson.Write(marker));

        await Eventually(() => Live.FindPublished("after-broken") is not null);
        Assert.NotNull(Live.FindPublished("breaks-later"));
        Assert.Null(Live.FindPublished("unknown-activity"));
        Assert.NotNull(Live.FindPublished("refund-keyword"));
    }

    [Fact]
    public async Task Files_in_the_org_folder_are_not_policies()
    {
        Directory.CreateDirectory(Path.Combine(server.WorkflowsPath, "org"));
        await File.WriteAllTextAsync(Path.Combine(server.WorkflowsPath, "org", "not-a-policy.json"),
            WorkflowDefinitionJson.Write(Sample("org-thing", "Org thing")));
        var marker = Sample("after-org", "After org");
        await File.WriteAllTextAsync(server.PolicyFile("after-org.json"), WorkflowDefinitionJson.Write(marker));

        await Eventually(() => Live.FindPublished("after-org") is not null);
        Assert.Null(Live.FindPublished("org-thing"));
    }

    private static WorkflowDefinition Sample(string definitionId, string name)
    {
        var definition = DefinitionModelsFor.Policy(definitionId, name);
        definition.IsPublished = true;
        return definition;
    }

    private static WorkflowDefinition WithActivity(WorkflowDefinition definition, string type)
    {
        definition.Root!["activities"]!.AsArray().Add(ElsaApi.Activity("odd1", type));
        return definition;
    }

    /// <summary>Waits for the watcher (a real FileSystemWatcher and its 300 ms debounce) to act; fails after <see cref="PickUp"/>.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + PickUp;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "workflows/ change was not picked up in time");
            await Task.Delay(50);
        }
    }
}

internal static class DefinitionModelsFor
{
    public static WorkflowDefinition Policy(string definitionId, string name)
    {
        var definition = WorkflowDefinitionJson.FromJson(ElsaApi.NewPolicy(definitionId, name));
        definition.Id = definitionId + "-v1";
        definition.CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return definition;
    }
}
