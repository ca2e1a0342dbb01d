using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// An activity input as Elsa writes it: <c>{ "typeName": "String", "expression": { "type": "Literal", "value": "Hi" } }</c>.
/// Read its value with <c>context.Get(Input)</c>; the engine evaluates the expression and converts the result to the
/// declared type.
/// </summary>
public abstract class Input
{
    private protected Input(Expression? expression, string? typeName, string? memoryReferenceId)
    {
        Expression = expression;
        TypeName = typeName;
        MemoryReferenceId = memoryReferenceId;
    }

    public Expression? Expression { get; }

    /// <summary>The type alias written in JSON (<c>String</c>, <c>Int32[]</c>, ...).</summary>
    public string? TypeName { get; }

    public string? MemoryReferenceId { get; }

    /// <summary>The property name, set when the node is materialised; errors name the input with it.</summary>
    public string? Name { get; internal set; }

    /// <summary>The property's <see cref="InputAttribute.DefaultValue"/>, set when the node is materialised.</summary>
    public object? DefaultValue { get; internal set; }

    public abstract Type ValueType { get; }

    /// <summary>
    /// A Literal converted to an immutable value (string, number, bool, enum, TimeSpan...) is the same for every
    /// instance, and the node is shared by all of them, so the conversion is done once.
    /// </summary>
    internal LiteralValue? CachedLiteral { get; set; }

    internal sealed record LiteralValue(object? Value);
}

public sealed class Input<T> : Input
{
    public Input(Expression? expression, string? typeName = null, string? memoryReferenceId = null)
        : base(expression, typeName, memoryReferenceId)
    {
    }

    /// <summary>A literal input, convenient when activities are built in code (tests, samples).</summary>
    public Input(T literal) : this(Expression.FromLiteral(literal))
    {
    }

    public override Type ValueType => typeof(T);

    /// <summary>
    /// <paramref name="value"/> as read, or when it came out empty (unset, cleared in the designer, a script's null)
    /// the declared <see cref="InputAttribute.DefaultValue"/>, so an activity writes its default once, on the attribute.
    /// </summary>
    internal static T OrDeclaredDefault(T? value, Input<T>? input) =>
        value ?? (input?.DefaultValue is { } declared ? ValueConverter.Convert<T>(declared) : default)
        ?? throw new InvalidOperationException($"Input '{input?.Name}' is empty and declares no default value.");
}
