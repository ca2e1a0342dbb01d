using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Expressions;

/// <summary>
/// An Elsa expression: <c>{ "type": "Literal|Object|Variable|JavaScript|...", "value": ... }</c>. The value is kept as
/// the JSON that was read (a string, number, boolean or object) and interpreted by the evaluator of its type.
/// </summary>
public sealed record Expression(string Type, JsonNode? Value)
{
    public const string Literal = "Literal";
    public const string Object = "Object";
    public const string Variable = "Variable";
    public const string JavaScript = "JavaScript";
    public const string CSharp = "CSharp";
    public const string Liquid = "Liquid";

    public static Expression FromLiteral(object? value) =>
        new(Literal, value is null ? null : JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)));

    public static Expression FromJavaScript(string script) => new(JavaScript, JsonValue.Create(script));
}
