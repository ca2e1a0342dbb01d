using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tests.WorkflowDefinitions;

public sealed class PostgresDefinitionStoreTests
{
    [PostgresFact]
    public async Task Definition_versions_round_trip_on_postgresql_whatever_offset_the_author_wrote()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var store = database.Services.GetRequiredService<IWorkflowDefinitionStore>();
        var v1 = new WorkflowDefinition
        {
            Id = "pg-policy-v1",
            DefinitionId = "pg-policy",
            Name = "On PostgreSQL",
            Version = 1,
            IsLatest = true,
            Root = new JsonObject { ["id"] = "flowchart1", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray() }
        };
        v1.CreatedAt = new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.FromHours(2));
        v1.IsPublished = true;
        var v2 = DefinitionVersioning.DraftOf([v1], "pg-policy-v2", new DateTimeOffset(2026, 5, 5, 8, 0, 0, TimeSpan.Zero));

        await store.SaveAsync([v1]);
        await store.SaveAsync(DefinitionVersioning.SaveDraft([v1], v2));

        var versions = await store.ListVersionsAsync("pg-policy");
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(TimeSpan.FromHours(2), versions[0].CreatedAt.Offset);
        Assert.True(versions[0].IsPublished);
        Assert.False(versions[0].IsLatest);
        var summary = Assert.Single(await store.SummarizeAsync(), s => s.DefinitionId == "pg-policy");
        Assert.Equal((2, 1, true), (summary.LatestVersion, summary.PublishedVersion, summary.LatestIsDraft));
    }
}
