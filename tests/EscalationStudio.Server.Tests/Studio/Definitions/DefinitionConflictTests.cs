using EscalationStudio.Persistence.WorkflowDefinitions;
using EscalationStudio.Server.Tests.Persistence;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio.Definitions;

/// <summary>
/// Optimistic concurrency in the definitions table: two writers that read a definition at the same time (two nodes)
/// cannot both save what they made of it; the second is refused and nothing of it is stored.
/// </summary>
public sealed class DefinitionConflictTests
{
    [Fact]
    public Task On_sqlite_a_save_based_on_a_stale_read_is_refused() => StaleSaveIsRefusedAsync(new EscalationServer());

    [PostgresFact]
    public Task On_postgresql_a_save_based_on_a_stale_read_is_refused() => StaleSaveIsRefusedAsync(new PostgresEscalationServer());

    [Fact]
    public async Task A_publish_that_lost_the_race_answers_409_problem_json_and_saves_nothing()
    {
        await using var server = new EscalationServer();
        RacingStore? racing = null;
        await using var racedServer = server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IWorkflowDefinitionStore>(sp => racing = new RacingStore(ActivatorUtilities.CreateInstance<EfWorkflowDefinitionStore>(sp)))));
        using var client = racedServer.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", EscalationServer.ManagerKey);
        var (created, _) = await ElsaApi.Save(client, ElsaApi.NewPolicy("raced", "Raced"), publish: false);
        created.EnsureSuccessStatusCode();

        // Another node edits the draft between this node's read and its write.
        racing!.EditFirst = "their edit";
        var (response, body) = await ElsaApi.Save(client, ElsaApi.NewPolicy("raced", "Raced, our edit"), publish: true);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("raced", (string?)body!["detail"]);
        var version = Assert.Single(await racing.ListVersionsAsync("raced"));
        Assert.Equal(("their edit", false), (version.Description, version.IsPublished));
    }

    /// <summary>The real store, with another writer's edit slipped in just before the next save.</summary>
    private sealed class RacingStore(IWorkflowDefinitionStore store) : IWorkflowDefinitionStore
    {
        public string? EditFirst { get; set; }

        public async Task SaveAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken = default)
        {
            if (EditFirst is { } description)
            {
                EditFirst = null;
                var theirs = (await store.ListVersionsAsync(versions.First().DefinitionId, cancellationToken))[^1];
                theirs.Description = description;
                await store.SaveAsync([theirs], cancellationToken);
            }

            await store.SaveAsync(versions, cancellationToken);
        }

        public Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions versions, CancellationToken cancellationToken = default) => store.ListAsync(versions, cancellationToken);

        public Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default) =>
            store.ListVersionsAsync(definitionId, cancellationToken);

        public Task<WorkflowDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default) => store.FindByIdAsync(id, cancellationToken);

        public Task<IReadOnlyList<DefinitionSummary>> SummarizeAsync(CancellationToken cancellationToken = default) => store.SummarizeAsync(cancellationToken);

        public Task<string> ChangeStampAsync(CancellationToken cancellationToken = default) => store.ChangeStampAsync(cancellationToken);

        public Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default) => store.DeleteAsync(definitionId, cancellationToken);

        public Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken = default) => store.DeleteVersionAsync(id, cancellationToken);
    }

    private static async Task StaleSaveIsRefusedAsync(EscalationServer server)
    {
        await using var _ = server;
        var store = server.Services.GetRequiredService<IWorkflowDefinitionStore>();
        var v1 = DefinitionModelsFor.Policy("contested", "Contested");
        v1.IsPublished = true;
        await store.SaveAsync([v1]);

        // Both nodes read version 1 and each publishes its own version 2.
        var readByA = await store.ListVersionsAsync("contested");
        var readByB = await store.ListVersionsAsync("contested");
        var fromA = DefinitionVersioning.DraftOf(readByA, "contested-a", v1.CreatedAt.AddHours(1));
        fromA.Description = "from A";
        var fromB = DefinitionVersioning.DraftOf(readByB, "contested-b", v1.CreatedAt.AddHours(1));
        fromB.Description = "from B";
        await store.SaveAsync(DefinitionVersioning.Publish(readByA, fromA));

        await Assert.ThrowsAsync<DefinitionConflictException>(() => store.SaveAsync(DefinitionVersioning.Publish(readByB, fromB)));

        var versions = await store.ListVersionsAsync("contested");
        Assert.Equal([(1, false), (2, true)], versions.Select(v => (v.Version, v.IsPublished)));
        Assert.Equal("from A", versions[1].Description);

        // A version number claimed at once by two inserts: the unique index decides, the loser hears the same refusal.
        var again = await store.ListVersionsAsync("contested");
        var third = DefinitionVersioning.DraftOf(again, "contested-c", v1.CreatedAt.AddHours(2));
        var sameNumber = DefinitionVersioning.DraftOf(again, "contested-d", v1.CreatedAt.AddHours(2));
        await store.SaveAsync([third]);
        await Assert.ThrowsAsync<DefinitionConflictException>(() => store.SaveAsync([sameNumber]));
        Assert.Equal([1, 2, 3], (await store.ListVersionsAsync("contested")).Select(v => v.Version));
    }
}
