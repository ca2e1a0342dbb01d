using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Materialization;

/// <summary>
/// Reads Elsa's input and output shapes. An input without <c>typeName</c> is unset; a missing expression type means
/// Literal; a bare JSON value is a literal (Elsa's InputJsonConverter).
/// </summary>
internal static class InputParser
{
    public static Input? ParseInput(JsonNode? node, Type valueType, object? defaultValue, string name)
    {
        var (expression, typeName, memoryReference) = node switch
        {
            JsonObject obj when obj["typeName"] is not null || obj["expression"] is not null => (ReadExpression(obj["expression"]), obj["typeName"]?.ToString(), ReadReference(obj)),
            JsonValue value => (new Expression(Expression.Literal, value.DeepClone()), null, null),
            _ => ((Expression?)null, (string?)null, (string?)null),
        };

        if (expression is null && defaultValue is not null)
        {
            expression = Expression.FromLiteral(defaultValue is Enum e ? e.ToString() : defaultValue);
        }

        if (expression is null)
        {
            return null;
        }

        var input = (Input)Activator.CreateInstance(typeof(Input<>).MakeGenericType(valueType), expression, typeName, memoryReference)!;
        input.Name = name;
        input.DefaultValue = defaultValue;
        return input;
    }

    public static Output? ParseOutput(JsonNode? node, Type valueType, string name)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        var output = (Output)Activator.CreateInstance(typeof(Output<>).MakeGenericType(valueType), ReadReference(obj))!;
        output.Name = name;
        return output;
    }

    private static Expression? ReadExpression(JsonNode? node) => node switch
    {
        JsonObject expression => new Expression(expression["type"]?.ToString() ?? Expression.Literal, expression["value"]?.DeepClone()),
        _ => null,
    };

    private static string? ReadReference(JsonObject obj) => obj["memoryReference"] is JsonObject reference ? reference["id"]?.ToString() : null;
}
