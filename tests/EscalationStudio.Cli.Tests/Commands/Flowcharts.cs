using System.Text.Json.Nodes;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary>Elsa 3 workflow files as the designer exports them: a flowchart of activities chained in order.</summary>
internal static class Flowcharts
{
    public static JsonObject Chain(string definitionId, params JsonObject[] activities) => new()
    {
        ["id"] = definitionId + "-v1",
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = true,
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray([.. activities]),
            ["connections"] = new JsonArray([.. activities.Zip(activities.Skip(1), (from, to) => (JsonNode)Connection(from, to))]),
        },
    };

    public static JsonObject Activity(string id, string type, JsonObject? inputs = null)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (key, value) in inputs ?? [])
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }

    public static JsonObject WriteLine(string id, string text) => Activity(id, "Elsa.WriteLine", new JsonObject { ["text"] = Literal(text) });

    public static JsonObject WriteLineScript(string id, string script) => Activity(id, "Elsa.WriteLine", new JsonObject
    {
        ["text"] = new JsonObject
        {
            ["typeName"] = "String",
            ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script },
        },
    });

    public static JsonObject Literal(string value, string typeName = "String") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Connection(JsonObject from, JsonObject to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from["id"]!.GetValue<string>(), ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = to["id"]!.GetValue<string>(), ["port"] = "In" },
    };
}
