using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Server.Tests.Studio;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using StudioApi = EscalationStudio.Server.Tests.Studio.ElsaApi;

namespace EscalationStudio.Server.Tests.BadInput;

/// <summary>
/// One name limit (<see cref="DefinitionLimits.NameLength"/>) wherever a definition enters; file names that every file
/// system takes; and a publish that reports published only once its file is written.
/// </summary>
public sealed class PolicyNameTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private string WorkflowsPath => Path.Combine(server.Root, "workflows");

    private PublishedWorkflows Live => server.Services.GetRequiredService<PublishedWorkflows>();

    [Fact]
    public async Task Saving_a_name_over_the_limit_is_a_400_naming_it_and_nothing_is_stored()
    {
        using var client = server.Admin();

        var (response, _) = await StudioApi.Save(client, StudioApi.NewPolicy("too-long-save", new string('n', DefinitionLimits.NameLength + 1)), publish: true);

        await response.AssertInvalidFieldAsync("model.name");
        Assert.Empty(await VersionsAsync("too-long-save"));
    }

    [Fact]
    public async Task Importing_a_70000_character_name_is_a_400_with_a_small_answer()
    {
        using var client = server.Admin();
        var model = StudioApi.NewPolicy("too-long-import", new string('x', 70_000));
        model["isPublished"] = true;

        var response = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/import", model);

        var message = await response.AssertInvalidFieldAsync("name");
        Assert.Contains($"at most {DefinitionLimits.NameLength}", message, StringComparison.Ordinal);
        Assert.True(response.Headers.Concat(response.Content.Headers).Sum(h => h.Key.Length + h.Value.Sum(v => v.Length)) < 2_000, "no header carries the name");
        Assert.Empty(await VersionsAsync("too-long-import"));
    }

    [Fact]
    public async Task A_name_at_the_limit_publishes_into_a_short_file_and_exports_under_a_short_name()
    {
        using var client = server.Admin();
        var name = string.Join(' ', Enumerable.Repeat("Escalate refunds", 20))[..DefinitionLimits.NameLength];

        var (first, _) = await StudioApi.Save(client, StudioApi.NewPolicy("long-name-1", name), publish: true);
        var (second, _) = await StudioApi.Save(client, StudioApi.NewPolicy("long-name-2", name), publish: true);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var files = Directory.GetFiles(WorkflowsPath, "escalate-refunds*.json").Select(file => Path.GetFileName(file)).ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, file => Assert.InRange(file.Length, 10, PolicyFileName.MaxStemLength + "-2.json".Length));
        var firstFile = files.MinBy(file => file.Length)!;
        Assert.Contains(firstFile[..^".json".Length] + "-2.json", files);
        var export = await client.GetAsync("/elsa/api/workflow-definitions/long-name-1/export");
        Assert.InRange(export.Content.Headers.ContentDisposition!.FileName!.Length, 10, PolicyFileName.MaxStemLength + 40);
    }

    [Fact]
    public async Task Publishing_a_stored_draft_over_the_limit_is_a_400_and_it_stays_unpublished()
    {
        using var client = server.Admin();
        var legacy = DefinitionModelsFor.Policy("legacy-long", new string('l', 250));
        legacy.IsPublished = false;
        await server.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync([legacy]);
            return 0;
        });

        var response = await client.PostAsync("/elsa/api/workflow-definitions/legacy-long/publish", null);

        await response.AssertInvalidFieldAsync("name");
        Assert.False(Assert.Single(await VersionsAsync("legacy-long")).IsPublished);
        Assert.Null(Live.FindPublished("legacy-long"));
    }

    [Fact]
    public async Task A_publish_whose_file_cannot_be_written_is_not_reported_published_and_keeps_the_edit_as_a_draft()
    {
        using var client = server.Admin();

        // A folder where the policy's file would go: the write fails as a full disk or a read-only folder would.
        Directory.CreateDirectory(Path.Combine(WorkflowsPath, "blocked-file.json"));
        var (response, body) = await StudioApi.Save(client, StudioApi.NewPolicy("blocked", "Blocked file"), publish: true);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("The policy file could not be written", (string?)body!["title"]);
        var stored = Assert.Single(await VersionsAsync("blocked"));
        Assert.False(stored.IsPublished);
        Assert.Equal("Blocked file", stored.Name);
        Assert.Null(Live.FindPublished("blocked"));
        Assert.Empty(Directory.GetFiles(WorkflowsPath, ".*.tmp"));
    }

    private Task<IReadOnlyList<WorkflowDefinition>> VersionsAsync(string definitionId) =>
        server.InScopeAsync(sp => sp.GetRequiredService<IWorkflowDefinitionStore>().ListVersionsAsync(definitionId));
}
