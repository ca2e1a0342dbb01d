using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions.CSharp;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Expressions.Liquid;

namespace EscalationStudio.Workflows.Expressions;

/// <summary>
/// Evaluates Elsa expressions by type: Literal (converted with the type aliases), Object (JSON text), Variable
/// (a variable reference), JavaScript (Jint), CSharp (Roslyn scripting) and Liquid (Fluid). Unknown types, such as
/// Python, fail with a clear error rather than a silent null.
/// </summary>
internal sealed class ExpressionEvaluator(ScriptLimits limits)
{
    public JavaScriptEvaluator JavaScript { get; } = new(limits);

    public CSharpEvaluator CSharp { get; } = new(limits);

    public LiquidEvaluator Liquid { get; } = new(limits);

    public object? Evaluate(Expression expression, Type target, ActivityExecutionContext? context)
    {
        var type = expression.Type;
        if (type.Equals(Expression.Literal, StringComparison.OrdinalIgnoreCase))
        {
            return ValueConverter.Convert(expression.Value, target);
        }

        if (type.Equals(Expression.Object, StringComparison.OrdinalIgnoreCase) || type.Equals("Json", StringComparison.OrdinalIgnoreCase))
        {
            return EvaluateObject(expression.Value, target);
        }

        if (type.Equals(Expression.Variable, StringComparison.OrdinalIgnoreCase))
        {
            return ValueConverter.Convert(ReadVariable(expression.Value, context), target);
        }

        if (type.Equals(Expression.JavaScript, StringComparison.OrdinalIgnoreCase))
        {
            return JavaScript.Evaluate(expression.Value?.ToString() ?? "", target, context);
        }

        if (type.Equals(Expression.CSharp, StringComparison.OrdinalIgnoreCase))
        {
            return CSharp.Evaluate(expression.Value?.ToString() ?? "", target, context);
        }

        if (type.Equals(Expression.Liquid, StringComparison.OrdinalIgnoreCase))
        {
            return Liquid.Evaluate(expression.Value?.ToString() ?? "", target, context);
        }

        throw new NotSupportedException($"Expressions of type '{type}' are not supported by this engine.");
    }

    /// <summary>Elsa's Object expression: the value is a string of JSON; an empty value means null.</summary>
    private static object? EvaluateObject(JsonNode? value, Type target)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var json))
        {
            return string.IsNullOrWhiteSpace(json) ? ValueConverter.Convert(null, target) : ValueConverter.Convert(JsonNode.Parse(json), target);
        }

        return ValueConverter.Convert(value, target);
    }

    /// <summary>The value is a serialised variable (<c>{id, name}</c>) or, in hand-written files, just its name.</summary>
    private static object? ReadVariable(JsonNode? value, ActivityExecutionContext? context)
    {
        if (context is null || value is null)
        {
            return null;
        }

        var key = value is JsonObject reference
            ? reference["id"].Text() ?? reference["name"].Text()
            : value.Text();
        return key is null ? null : context.GetVariable(key);
    }
}
