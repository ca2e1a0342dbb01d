using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Benchmarks;

/// <summary>The benchmark's workflows, in Elsa JSON like any designer-made policy.</summary>
internal static class EngineWorkflows
{
    /// <summary>Start, then a chain of WriteLine / SetVariable / FlowDecision nodes (True port), to <paramref name="count"/> activities.</summary>
    public static WorkflowDefinition Chain(int count, bool javaScript)
    {
        var activities = new JsonArray { Node("n0", "Elsa.Start", []) };
        var connections = new JsonArray();
        var previousPort = "Done";
        for (var i = 1; i < count; i++)
        {
            var (type, properties, port) = (i % 3) switch
            {
                0 => ("Elsa.FlowDecision", new JsonObject { ["condition"] = javaScript ? Input("JavaScript", "getCounter() >= 0", "Boolean") : Input("Literal", "true", "Boolean") }, "True"),
                1 => ("Elsa.WriteLine", new JsonObject { ["text"] = Input("Literal", $"Step {i}", "String") }, "Done"),
                _ => ("Elsa.SetVariable", new JsonObject
                {
                    ["variable"] = new JsonObject { ["id"] = "counter", ["name"] = "Counter" },
                    ["value"] = javaScript ? Input("JavaScript", "getCounter() + 1", "Object") : Input("Literal", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "Object"),
                }, "Done"),
            };
            activities.Add(Node($"n{i}", type, properties));
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = $"n{i - 1}", ["port"] = previousPort },
                ["target"] = new JsonObject { ["activity"] = $"n{i}", ["port"] = "In" },
            });
            previousPort = port;
        }

        return Definition("benchmark-chain", activities, connections);
    }

    /// <summary>A workflow that waits on an event: its state is what the instance store saves and loads.</summary>
    public static WorkflowDefinition Waiting()
    {
        var activities = new JsonArray
        {
            Node("start", "Elsa.Start", []),
            Node("wait", "Elsa.Event", new JsonObject { ["eventName"] = Input("Literal", "CustomerReplied", "String") }),
        };
        var connections = new JsonArray
        {
            new JsonObject { ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "wait", ["port"] = "In" } },
        };
        return Definition("benchmark-waiting", activities, connections);
    }

    private static WorkflowDefinition Definition(string id, JsonArray activities, JsonArray connections) => WorkflowDefinitionJson.FromJson(new JsonObject
    {
        ["id"] = id,
        ["definitionId"] = id,
        ["name"] = id,
        ["version"] = 1,
        ["variables"] = new JsonArray(new JsonObject { ["id"] = "counter", ["name"] = "Counter", ["typeName"] = "Int32", ["value"] = "0" }),
        ["root"] = new JsonObject { ["id"] = "flowchart", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
    });

    private static JsonObject Node(string id, string type, JsonObject properties)
    {
        properties["id"] = id;
        properties["type"] = type;
        properties["version"] = 1;
        return properties;
    }

    private static JsonObject Input(string syntax, string value, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = syntax, ["value"] = value },
    };
}
