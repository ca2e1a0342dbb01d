using System.Net;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Studio;

[Collection(StudioServerCollection.Name)]
public sealed class DefinitionQueryEndpointsTests(StudioServer server)
{
    [Fact]
    public async Task A_definition_loaded_from_workflows_is_served_by_definition_id_with_the_publish_link_for_a_manager()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var definition = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/by-definition-id/refund-keyword?versionOptions=Latest");

        Assert.Equal("refund-keyword", (string?)definition["definitionId"]);
        Assert.Equal("Refund keyword", (string?)definition["name"]);
        Assert.True((bool)definition["isLatest"]!);
        Assert.True((bool)definition["isPublished"]!);
        Assert.Contains(definition["links"]!.AsArray(), link => (string?)link!["rel"] == "publish");
        Assert.All(definition["root"]!["activities"]!.AsArray(), activity => Assert.NotNull(activity!["nodeId"]));
    }

    [Fact]
    public async Task An_agent_gets_the_definition_without_the_publish_link_so_the_designer_is_read_only()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var definition = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/by-definition-id/refund-keyword");

        Assert.Empty(definition["links"]!.AsArray());
    }

    [Fact]
    public async Task Missing_node_ids_are_filled_in_the_way_the_designer_builds_them()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("no-node-ids", "No node ids");
        foreach (var activity in model["root"]!["activities"]!.AsArray())
        {
            activity!.AsObject().Remove("nodeId");
        }

        model["root"]!.AsObject().Remove("nodeId");
        await ElsaApi.Save(client, model, publish: false);

        var definition = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/no-node-ids");

        Assert.Equal("Workflow1:flowchart1", (string?)definition["root"]!["nodeId"]);
        Assert.Equal("Workflow1:flowchart1:start1", (string?)definition["root"]!["activities"]![0]!["nodeId"]);
    }

    [Fact]
    public async Task A_version_is_found_by_its_id_and_unknown_ids_are_not_found()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var version = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/by-id/refund-keyword-v1");
        using var missing = await client.GetAsync("elsa/api/workflow-definitions/by-id/nope");
        using var missingDefinition = await client.GetAsync("elsa/api/workflow-definitions/by-definition-id/nope");

        Assert.Equal(1, (int)version["version"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingDefinition.StatusCode);
    }

    [Fact]
    public async Task An_unknown_versionOptions_value_is_a_bad_request()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        using var response = await client.GetAsync("elsa/api/workflow-definitions/by-definition-id/refund-keyword?versionOptions=Newest");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_version_history_query_the_designer_sends_lists_every_version_newest_first()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("history", "History"), publish: true);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("history", "History, second edit"), publish: false);

        var page = await ElsaApi.GetJson(client,
            "elsa/api/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=history&OrderBy=Version&OrderDirection=Descending");

        Assert.Equal(2, (int)page["totalCount"]!);
        var items = page["items"]!.AsArray();
        Assert.Equal([2, 1], items.Select(i => (int)i!["version"]!));
        Assert.False((bool)items[0]!["isPublished"]!);
        Assert.True((bool)items[1]!["isPublished"]!);
        Assert.Equal("Json", (string?)items[0]!["materializerName"]);
        Assert.NotNull(page["links"]);
    }

    [Fact]
    public async Task The_list_pages_and_searches()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        for (var i = 0; i < 3; i++)
        {
            await ElsaApi.Save(client, ElsaApi.NewPolicy($"paging-{i}", $"Paging sample {i}"), publish: false);
        }

        var first = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions?searchTerm=paging%20sample&pageSize=2&page=0&orderBy=Name");
        var second = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions?searchTerm=paging%20sample&pageSize=2&page=1&orderBy=Name");

        Assert.Equal(3, (int)first["totalCount"]!);
        Assert.Equal(["Paging sample 0", "Paging sample 1"], first["items"]!.AsArray().Select(i => (string?)i!["name"]));
        Assert.Equal(["Paging sample 2"], second["items"]!.AsArray().Select(i => (string?)i!["name"]));
    }

    [Fact]
    public async Task The_versions_endpoint_lists_one_definitions_versions()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        using var response = await client.GetAsync("elsa/api/workflow-definitions/refund-keyword/versions");
        var versions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(versions, v => (int)v!["version"]! == 1 && (string?)v["id"] == "refund-keyword-v1");
    }

    [Fact]
    public async Task Name_uniqueness_ignores_case_and_the_definition_itself()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var taken = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/validation/is-name-unique?name=refund%20KEYWORD");
        var self = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/validation/is-name-unique?name=Refund%20keyword&definitionId=refund-keyword");
        var free = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/validation/is-name-unique?name=Something%20new");

        Assert.False((bool)taken["isUnique"]!);
        Assert.True((bool)self["isUnique"]!);
        Assert.True((bool)free["isUnique"]!);
    }

    [Fact]
    public async Task The_count_counts_definitions_not_versions()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var count = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/query/count");
        var latest = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions?versionOptions=Latest&pageSize=500");

        Assert.Equal((int)latest["totalCount"]!, (int)count["count"]!);
    }
}
