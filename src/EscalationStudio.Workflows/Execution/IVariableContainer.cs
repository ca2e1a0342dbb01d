using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Workflows.Execution;

/// <summary>An activity that declares variables scoped to its execution (a flowchart's <c>variables</c>).</summary>
internal interface IVariableContainer
{
    IReadOnlyList<VariableDefinition> Variables { get; }
}

internal static class VariableScopes
{
    /// <summary>Declares variables on a context with their default values (Elsa writes defaults as strings).</summary>
    public static void Declare(ActivityExecutionContext context, IReadOnlyList<VariableDefinition> definitions)
    {
        if (definitions.Count == 0)
        {
            return;
        }

        context.Variables ??= [];
        foreach (var definition in definitions)
        {
            var variable = new Variable(definition.Id, definition.Name, definition.TypeName, definition.IsArray);
            try
            {
                variable.Set(definition.Value is null ? null : Expressions.ValueConverter.FromJson(definition.Value));
            }
            catch (InvalidCastException)
            {
                // A default that does not fit the type (e.g. "" for an Int32) leaves the type's default, as Elsa does.
            }

            context.Variables.Add(variable);
        }
    }
}
