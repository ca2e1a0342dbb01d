using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Execution;

/// <summary>A variable's value in one scope; values are converted to the declared type when written.</summary>
internal sealed class Variable(string id, string name, string typeName, bool isArray = false)
{
    private readonly Type _type = TypeAliases.Resolve(typeName, isArray);

    public string Id { get; } = id;
    public string Name { get; } = name;
    public string TypeName { get; } = typeName;
    public bool IsArray { get; } = isArray;
    public object? Value { get; private set; }

    public void Set(object? value) => Value = ValueConverter.Convert(value, _type);

    /// <summary>A loop's local variable (CurrentValue, CurrentIndex): untyped, keyed by its name.</summary>
    public static Variable Local(string name, object? value)
    {
        var variable = new Variable(name, name, "Object");
        variable.Set(value);
        return variable;
    }
}
