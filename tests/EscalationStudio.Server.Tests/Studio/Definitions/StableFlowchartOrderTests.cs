using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Tests.Studio.Definitions;

public sealed class StableFlowchartOrderTests
{
    [Fact]
    public void Known_activities_connections_and_properties_keep_their_place_and_new_ones_follow()
    {
        var previous = Flowchart(
            [Activity("a", ("type", "T"), ("text", "1")), Activity("b", ("type", "T"))],
            [Connection("a", "b")]);
        var incoming = Flowchart(
            [Activity("c", ("type", "T")), Activity("b", ("type", "T")), Activity("a", ("text", "2"), ("type", "T"), ("nodeId", "x:a"))],
            [Connection("b", "c"), Connection("a", "b")]);

        var kept = StableFlowchartOrder.Keep(previous, incoming);

        Assert.Equal(["a", "b", "c"], kept["activities"]!.AsArray().Select(a => (string?)a!["id"]));
        Assert.Equal(["id", "type", "text", "nodeId"], kept["activities"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("2", (string?)kept["activities"]![0]!["text"]);
        Assert.Equal(["a", "b"], kept["connections"]!.AsArray().Select(c => (string?)c!["source"]!["activity"]));
    }

    [Fact]
    public void Without_a_previous_version_the_incoming_order_stands()
    {
        var incoming = Flowchart([Activity("z"), Activity("a")], []);

        Assert.Same(incoming, StableFlowchartOrder.Keep(null, incoming));
    }

    private static JsonObject Flowchart(JsonObject[] activities, JsonObject[] connections) => new()
    {
        ["type"] = "Elsa.Flowchart",
        ["activities"] = new JsonArray(activities),
        ["connections"] = new JsonArray(connections),
    };

    private static JsonObject Activity(string id, params (string Key, string Value)[] properties)
    {
        var activity = new JsonObject { ["id"] = id };
        foreach (var (key, value) in properties)
        {
            activity[key] = value;
        }

        return activity;
    }

    private static JsonObject Connection(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
