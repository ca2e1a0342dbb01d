using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Server.Tests.Persistence;
using EscalationStudio.Server.Tests.Studio;
using EscalationStudio.Workflows.Definitions.Files;
using Xunit.Abstractions;

namespace EscalationStudio.Server.Tests.Nodes;

/// <summary>
/// Two real server processes on one PostgreSQL database publishing the same policy at the same moment: one version
/// has one winner and the loser hears 409; both nodes run the database's published version within seconds; only the
/// leader writes <c>workflows/</c>, and its file is the database's version; restarting the other node retracts nothing;
/// when the leader stops, the other node leads and writes the policy into its own folder.
/// </summary>
public sealed class TwoNodePublishTests(ITestOutputHelper output)
{
    private const string DefinitionId = "race-policy";
    private const int Rounds = 6;
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    [PostgresFact]
    public async Task Concurrent_publishes_of_one_policy_have_one_winner_per_version_and_every_node_runs_the_database_version()
    {
        await using var nodes = new TwoNodes();
        await nodes.StartAsync(samplePolicies: true);
        Assert.True(nodes.A.SaysItLeads, "A started first and leads");
        Assert.False(nodes.B.SaysItLeads, "B follows");
        using var a = nodes.A.Client();
        using var b = nodes.B.Client();
        var sampleFile = Path.Combine("escalation", "retention-fast-lane.json");
        var sampleBefore = await File.ReadAllTextAsync(Path.Combine(nodes.B.WorkflowsPath, sampleFile));
        var publishedBefore = await PublishedAsync(nodes);
        Assert.Contains("retention-fast-lane", publishedBefore.Keys);

        var conflicts = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            // Both requests built first, then sent together.
            var fromA = Policy($"round-{round}-from-a");
            var fromB = Policy($"round-{round}-from-b");
            var answers = await Task.WhenAll(PublishAsync(a, fromA), PublishAsync(b, fromB));
            var winners = answers.Where(r => r.Status == HttpStatusCode.OK).ToList();
            var losers = answers.Where(r => r.Status != HttpStatusCode.OK).ToList();
            Assert.NotEmpty(winners);
            foreach (var loser in losers)
            {
                Assert.Equal(HttpStatusCode.Conflict, loser.Status);
                Assert.Equal("application/problem+json", loser.ContentType);
            }

            // Exactly one winner per version: two answers of 200 mean the second read the first's publish and made the next version.
            Assert.Equal(winners.Count, winners.Select(w => w.Version).Distinct().Count());
            conflicts += losers.Count;

            var (version, tag) = (await PublishedAsync(nodes))[DefinitionId];
            Assert.Equal(winners.Max(w => w.Version), version);
            Assert.Equal(winners.MaxBy(w => w.Version)!.Tag, tag);
            output.WriteLine($"round {round}: {string.Join(", ", answers.Select(r => $"{(int)r.Status}{(r.Version is { } v ? $" v{v}" : "")}"))}; database publishes v{version} ({tag})");

            // What each node runs: a new ticket gets the tag of the version that node has live.
            foreach (var (node, client) in new[] { (nodes.A, a), (nodes.B, b) })
            {
                Assert.True(await TwoNodes.EventuallyAsync(async () => await TagRunOnAsync(client) == tag, Propagation),
                    $"round {round}: node {node.Name} does not run the database's version {version} ({tag}) within {Propagation.TotalSeconds} s");
            }

            // Only the leader writes the folder, and its file is the database's version.
            Assert.True(await TwoNodes.EventuallyAsync(() => Task.FromResult(FileVersion(nodes.A) == (version, tag)), Propagation),
                $"round {round}: the leader's file is {FileVersion(nodes.A)}, the database publishes v{version} ({tag})");
            Assert.Null(FileVersion(nodes.B));
        }

        output.WriteLine($"{Rounds} rounds, {conflicts} answered 409");

        // The follower restarts on its own folder copy, which never had the policy: nothing is retracted.
        await nodes.B.StopAsync();
        await nodes.B.StartAsync();
        Assert.False(nodes.B.SaysItLeads);
        using var restarted = nodes.B.Client();
        var published = (await PublishedAsync(nodes))[DefinitionId];
        Assert.True(await TwoNodes.EventuallyAsync(async () => await TagRunOnAsync(restarted) == published.Tag, Propagation));
        await Task.Delay(WorkflowFolderPollAllowance);
        var publishedAfter = await PublishedAsync(nodes);
        Assert.Equal(publishedBefore.Keys.Append(DefinitionId).Order(), publishedAfter.Keys.Order());
        Assert.Equal(published, publishedAfter[DefinitionId]);
        Assert.Equal(sampleBefore, await File.ReadAllTextAsync(Path.Combine(nodes.B.WorkflowsPath, sampleFile)));
        Assert.Null(FileVersion(nodes.B));

        // The leader stops: B takes the lead within a poll or two, and its folder gets the policy from the database.
        await nodes.A.StopAsync();
        Assert.True(await TwoNodes.EventuallyAsync(() => Task.FromResult(nodes.B.SaysItLeads), Propagation), "B takes over the lead");
        Assert.True(await TwoNodes.EventuallyAsync(() => Task.FromResult(FileVersion(nodes.B) == published), Propagation),
            $"the new leader's file is {FileVersion(nodes.B)}, the database publishes {published}");
        Assert.Equal(publishedAfter, await PublishedAsync(nodes));
        Assert.Equal(sampleBefore, await File.ReadAllTextAsync(Path.Combine(nodes.B.WorkflowsPath, sampleFile)));
    }

    // A few polls of the follower, during which a wrongly retracting node would have acted.
    private static readonly TimeSpan WorkflowFolderPollAllowance = TimeSpan.FromSeconds(3);

    /// <summary>The published definitions in the shared database: version and, for the race policy, the tag its version adds.</summary>
    private static async Task<Dictionary<string, (int Version, string? Tag)>> PublishedAsync(TwoNodes nodes) =>
        (await nodes.QueryAsync("SELECT \"DefinitionId\", \"Version\", \"Json\" FROM workflow_definitions WHERE \"IsPublished\"",
            row => (Id: row.GetString(0), Version: row.GetInt32(1), Tag: TagOf(JsonNode.Parse(row.GetString(2))!.AsObject()))))
        .ToDictionary(r => r.Id, r => (r.Version, r.Tag));

    private static (int Version, string? Tag)? FileVersion(ServerNode node)
    {
        // The sample folder keeps its policies in escalation/, so a policy made through the API is written there.
        var file = Path.Combine(node.WorkflowsPath, WorkflowFolder.PoliciesFolder, "race-policy.json");
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            return (bool?)json["isPublished"] == true ? ((int)json["version"]!, TagOf(json)) : (-1, TagOf(json));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private static async Task<string?> TagRunOnAsync(HttpClient client)
    {
        var ticket = await TwoNodes.CreateTicketAsync(client, "Which version runs here?");
        string? tag = null;
        await TwoNodes.EventuallyAsync(async () =>
        {
            var read = await client.GetFromJsonAsync<JsonObject>($"api/tickets/{ticket}");
            tag = read!["tags"]!.AsArray().Select(t => (string?)t).FirstOrDefault(t => t is not null && t.StartsWith("round-", StringComparison.Ordinal));
            return tag is not null;
        }, TimeSpan.FromSeconds(5));
        return tag;
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, int? Version, string? Tag)> PublishAsync(HttpClient client, JsonObject model)
    {
        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, response.Content.Headers.ContentType?.MediaType, (int)body["workflowDefinition"]!["version"]!, TagOf(body["workflowDefinition"]!.AsObject()))
            : (response.StatusCode, response.Content.Headers.ContentType?.MediaType, null, null);
    }

    /// <summary>Ticket created → add the tag that names this round and node.</summary>
    private static JsonObject Policy(string tag) => new()
    {
        ["definitionId"] = DefinitionId,
        ["name"] = "Race policy",
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(
                Studio.ElsaApi.Activity("created", "Escalation.TicketCreated", trigger: true),
                Studio.ElsaApi.Activity("tag", "Escalation.AddTag", new JsonObject { ["tag"] = Studio.ElsaApi.Literal(tag) })),
            ["connections"] = new JsonArray(Studio.ElsaApi.Connection("created", "Done", "tag")),
        },
    };

    private static string? TagOf(JsonObject definition) =>
        definition["root"]?["activities"]?.AsArray().OfType<JsonObject>().FirstOrDefault(a => (string?)a["id"] == "tag")?["tag"]?["expression"]?["value"]?.GetValue<string>();
}
