using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Workflows.Tests.Support;

/// <summary>Writes test workflows in Elsa 3's JSON shape (as Studio exports them), so tests exercise the real reader.</summary>
internal sealed class WorkflowJson
{
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private readonly JsonArray _variables = [];
    private readonly JsonObject _definition;

    private WorkflowJson(string name, string definitionId)
    {
        _definition = new JsonObject
        {
            ["id"] = definitionId + "-v1",
            ["definitionId"] = definitionId,
            ["name"] = name,
            ["version"] = 1,
            ["isLatest"] = true,
            ["isPublished"] = true,
            ["options"] = new JsonObject { ["usableAsActivity"] = false },
        };
    }

    public static WorkflowJson Named(string name, string? definitionId = null) => new(name, definitionId ?? name.ToLowerInvariant().Replace(' ', '-'));

    public WorkflowJson Activity(string id, string type, JsonObject? properties = null, bool canStartWorkflow = false)
    {
        var activity = properties ?? [];
        activity["id"] = id;
        activity["type"] = type;
        activity["version"] = 1;
        activity["customProperties"] = new JsonObject { ["canStartWorkflow"] = canStartWorkflow, ["runAsynchronously"] = false };
        activity["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } };
        _activities.Add(activity);
        return this;
    }

    public WorkflowJson WriteLine(string id, string text) => Activity(id, "Elsa.WriteLine", new JsonObject { ["text"] = Literal(text) });

    public WorkflowJson WriteLineScript(string id, string script) => Activity(id, "Elsa.WriteLine", new JsonObject { ["text"] = Script(script, "String") });

    public WorkflowJson Connect(string from, string to, string port = "Done")
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        return this;
    }

    public WorkflowJson Variable(string id, string name, string typeName, string? value = null)
    {
        var variable = new JsonObject { ["id"] = id, ["name"] = name, ["typeName"] = typeName, ["isArray"] = false };
        if (value is not null)
        {
            variable["value"] = value;
        }

        _variables.Add(variable);
        return this;
    }

    public WorkflowJson Input(string name, string type)
    {
        Array("inputs").Add(new JsonObject { ["type"] = type, ["name"] = name, ["displayName"] = name, ["uiHint"] = "singleline" });
        return this;
    }

    public WorkflowJson Output(string name, string type)
    {
        Array("outputs").Add(new JsonObject { ["type"] = type, ["name"] = name, ["displayName"] = name });
        return this;
    }

    public WorkflowJson Outcomes(params string[] outcomes)
    {
        _definition["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode)o).ToArray());
        return this;
    }

    public WorkflowJson UsableAsActivity()
    {
        _definition["options"]!["usableAsActivity"] = true;
        return this;
    }

    public WorkflowDefinition Build() => WorkflowDefinitionJson.FromJson(ToJson());

    public JsonObject ToJson()
    {
        var json = (JsonObject)_definition.DeepClone();
        json["variables"] = _variables.DeepClone();
        json["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["customProperties"] = new JsonObject { ["notFoundConnections"] = new JsonArray() },
            ["activities"] = _activities.DeepClone(),
            ["variables"] = new JsonArray(),
            ["connections"] = _connections.DeepClone(),
        };
        return json;
    }

    public static JsonObject Literal(object? value, string typeName = "String") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value is null ? null : JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) },
    };

    public static JsonObject Script(string script, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script },
    };

    /// <summary>An input written in another expression language: <c>CSharp</c>, <c>Liquid</c>...</summary>
    public static JsonObject Expression(string type, string value, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };

    public static JsonObject Object(string json, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = json },
    };

    public static JsonObject BoundTo(string memoryReferenceId, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["memoryReference"] = new JsonObject { ["id"] = memoryReferenceId },
    };

    private JsonArray Array(string name) => _definition[name] as JsonArray ?? (JsonArray)(_definition[name] = new JsonArray())!;
}
