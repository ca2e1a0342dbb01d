using System.Globalization;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Policies.Tests.Samples;

/// <summary>
/// Writes an Elsa 3 flowchart the way the designer does: nodes with literal inputs and designer positions, plus
/// connections. Nodes read left to right, <see cref="NodesPerRow"/> to a row and two rows at most, with room between
/// them for a long step name and its port labels (the designer page fits the policy to the canvas as it opens).
/// </summary>
internal sealed class PolicyFlow(string definitionId, string name, string description)
{
    public const int NodesPerRow = 3;
    public const int ColumnStep = 440;
    public const int RowStep = 180;

    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private int _column;
    private int? _precedence;

    public PolicyFlow Node(string id, string type, IReadOnlyDictionary<string, object>? inputs = null, bool startsWorkflow = false)
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            // "Elsa.RunJavaScript" and other engine activities are named in full.
            ["type"] = type.Contains('.', StringComparison.Ordinal) ? type : $"Escalation.{type}",
            ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = startsWorkflow, ["runAsynchronously"] = false },
            ["metadata"] = new JsonObject
            {
                ["designer"] = new JsonObject
                {
                    ["position"] = Position(_column++),
                    ["size"] = new JsonObject { ["width"] = 200, ["height"] = 50 },
                },
            },
        };
        foreach (var (input, value) in inputs ?? new Dictionary<string, object>())
        {
            node[input] = new JsonObject
            {
                ["typeName"] = value switch { bool => "Boolean", int => "Int32", decimal => "Decimal", double => "Double", _ => "String" },
                ["expression"] = new JsonObject
                {
                    ["type"] = "Literal",
                    ["value"] = Convert.ToString(value, CultureInfo.InvariantCulture),
                },
            };
        }

        _activities.Add(node);
        return this;
    }

    private static JsonObject Position(int index) => index < 2 * NodesPerRow
        ? new JsonObject { ["x"] = ColumnStep * (index % NodesPerRow), ["y"] = RowStep * (index / NodesPerRow) }
        : throw new InvalidOperationException($"a sample policy has at most {2 * NodesPerRow} steps, two rows of {NodesPerRow}");

    /// <summary>Higher acts first when one ticket event starts several policies (the server's own stamp, kept in the file).</summary>
    public PolicyFlow Precedence(int precedence)
    {
        _precedence = precedence;
        return this;
    }

    public PolicyFlow Connect(string from, string port, string to)
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        });
        return this;
    }

    public WorkflowDefinition Build() => new()
    {
        Id = $"{definitionId}-v1",
        DefinitionId = definitionId,
        Name = name,
        Description = description,
        Version = 1,
        CreatedAt = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero),
        ToolVersion = "3.5.0.0",
        IsLatest = true,
        IsPublished = true,
        CustomProperties = _precedence is { } precedence ? new JsonObject { [DefinitionStamps.Precedence] = precedence } : [],
        Root = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["id"] = "flowchart",
            ["metadata"] = new JsonObject(),
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = false, ["runAsynchronously"] = false },
            ["activities"] = _activities,
            ["connections"] = _connections,
        },
    };
}
