using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

[Collection(StudioServerCollection.Name)]
public sealed class LifecycleEndpointTests(StudioServer server)
{
    private PublishedWorkflows Live => server.Services.GetRequiredService<PublishedWorkflows>();

    [Fact]
    public async Task The_publish_endpoint_publishes_the_latest_draft_and_reports_when_it_was_live_already()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("publish-later", "Publish later"), publish: false);

        using var first = await client.PostAsync("elsa/api/workflow-definitions/publish-later/publish", null);
        using var second = await client.PostAsync("elsa/api/workflow-definitions/publish-later/publish", null);

        var firstBody = await first.Content.ReadFromJsonAsync<JsonObject>();
        var secondBody = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool)firstBody!["alreadyPublished"]!);
        Assert.True((bool)secondBody!["alreadyPublished"]!);
        Assert.NotNull(Live.FindPublished("publish-later"));
        Assert.True(File.Exists(server.PolicyFile("publish-later.json")));
    }

    [Fact]
    public async Task Retracting_takes_the_policy_out_of_the_runtime_and_marks_its_file_unpublished()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("retract-me", "Retract me"), publish: true);

        using var response = await client.PostAsync("elsa/api/workflow-definitions/retract-me/retract", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Live.FindPublished("retract-me"));
        Assert.False(WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(server.PolicyFile("retract-me.json"))).IsPublished);
        using var again = await client.PostAsync("elsa/api/workflow-definitions/retract-me/retract", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Deleting_removes_every_version_and_the_file()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("delete-me", "Delete me"), publish: true);

        using var response = await client.DeleteAsync("elsa/api/workflow-definitions/delete-me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(File.Exists(server.PolicyFile("delete-me.json")));
        Assert.Null(Live.FindPublished("delete-me"));
        using var gone = await client.GetAsync("elsa/api/workflow-definitions/by-definition-id/delete-me");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task An_old_version_can_be_deleted_but_not_the_latest_or_the_live_one()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("prune", "Prune"), publish: true);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("prune", "Prune 2"), publish: true);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("prune", "Prune 3"), publish: false);
        var v1 = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/by-definition-id/prune?versionOptions=1");

        using var live = await client.DeleteAsync("elsa/api/workflow-definitions/prune/version/2");
        using var latest = await client.DeleteAsync("elsa/api/workflow-definitions/prune/version/3");
        using var old = await client.DeleteAsync($"elsa/api/workflow-definition-versions/{(string?)v1["id"]}");

        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
        // Deleting the draft discards it (Studio's Delete in the version history): version 2 is the latest again.
        Assert.Equal(HttpStatusCode.NoContent, latest.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, old.StatusCode);
        var history = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds=prune");
        Assert.Equal([2], history["items"]!.AsArray().Select(i => (int)i!["version"]!).Order());
    }

    [Fact]
    public async Task Export_downloads_an_Elsa_file_named_after_the_policy_with_schema_first()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        using var response = await client.GetAsync("elsa/api/workflow-definitions/refund-keyword/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("workflow-definition-refund-keyword.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\n  \"$schema\": \"https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json\"", text);
        Assert.Equal("refund-keyword", WorkflowDefinitionJson.Parse(text).DefinitionId);
    }

    [Fact]
    public async Task Import_of_an_Elsa_file_creates_the_definition_keeping_its_ids_and_publishes_when_the_file_says_so()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var exported = ElsaApi.NewPolicy("imported", "Imported from Elsa");
        exported["$schema"] = WorkflowDefinitionJson.SchemaUrl;
        exported["id"] = "imported-version-1";
        exported["isPublished"] = true;
        exported["root"]!["activities"]![1]!["type"] = "Elsa.WriteLine";
        exported["root"]!["activities"]!.AsArray().Add(ElsaApi.Activity("future1", "Elsa.SomethingFromTheFuture"));

        using var refused = await client.PostAsJsonAsync("elsa/api/workflow-definitions/import", exported);
        exported["root"]!["activities"]!.AsArray().RemoveAt(2);
        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/import", exported);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("imported-version-1", (string?)imported!["id"]);
        Assert.True((bool)imported["isPublished"]!);
        Assert.True(File.Exists(server.PolicyFile("imported-from-elsa.json")));
    }

    [Fact]
    public async Task Import_into_an_existing_definition_saves_the_next_version_as_a_draft_when_asked_not_to_publish()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("import-target", "Import target"), publish: true);
        var model = ElsaApi.NewPolicy(null, "Import target, from a file");

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/import-target/import", new JsonObject { ["model"] = model, ["publish"] = false });

        var imported = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("import-target", (string?)imported!["definitionId"]);
        Assert.Equal(2, (int)imported["version"]!);
        Assert.False((bool)imported["isPublished"]!);
    }

    [Fact]
    public async Task Import_of_something_that_is_not_a_definition_is_a_400()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.PostAsync("elsa/api/workflow-definitions/import", new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Run_without_a_test_runner_says_the_policy_cannot_start()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/refund-keyword/execute",
            new JsonObject { ["correlationId"] = null, ["triggerActivityId"] = null, ["versionOptions"] = "Latest", ["input"] = null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("x-elsa-workflow-cannot-start") || response.Headers.Contains("x-elsa-workflow-instance-id"));
    }
}
