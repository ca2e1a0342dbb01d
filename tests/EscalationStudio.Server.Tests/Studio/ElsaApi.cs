using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>Small calls against /elsa/api, with the JSON kept as nodes: the tests check the wire shape Studio reads.</summary>
internal static class ElsaApi
{
    public static async Task<JsonObject> GetJson(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<(HttpResponseMessage Response, JsonObject? Body)> Save(HttpClient client, JsonObject model, bool publish)
    {
        var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = publish });
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    /// <summary>
    /// Imports a copy of a policy file under another id and name, as an admin would with an exported file; the copy's
    /// other edits (<paramref name="change"/>) are made before. Returns the copy as imported.
    /// </summary>
    public static async Task<JsonObject> ImportCopy(HttpClient client, string file, string definitionId, string name, Action<JsonObject>? change = null)
    {
        var copy = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        copy["id"] = definitionId + "-v1";
        copy["definitionId"] = definitionId;
        copy["name"] = name;
        change?.Invoke(copy);
        using var response = await client.PostAsync("elsa/api/workflow-definitions/import", new StringContent(copy.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return copy;
    }

    /// <summary>A fresh policy: Event trigger → WriteLine, as the designer posts it.</summary>
    public static JsonObject NewPolicy(string? definitionId, string name, string eventName = "ticket-updated") => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["description"] = "Made by a test",
        ["toolVersion"] = "3.8.0",
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["nodeId"] = "Workflow1:flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(
                Activity("start1", "Elsa.Event", new JsonObject { ["eventName"] = Literal(eventName) }, trigger: true),
                Activity("write1", "Elsa.WriteLine", new JsonObject { ["text"] = Literal("hello") })),
            ["connections"] = new JsonArray(Connection("start1", "Done", "write1")),
        },
    };

    public static JsonObject Activity(string id, string type, JsonObject? inputs = null, bool trigger = false)
    {
        var activity = new JsonObject
        {
            ["id"] = id,
            ["nodeId"] = $"Workflow1:flowchart1:{id}",
            ["name"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = trigger ? new JsonObject { ["canStartWorkflow"] = true } : new JsonObject(),
            ["metadata"] = new JsonObject(),
        };
        foreach (var (key, value) in inputs ?? [])
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }

    public static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    public static JsonObject Literal(string value) => new()
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };
}
