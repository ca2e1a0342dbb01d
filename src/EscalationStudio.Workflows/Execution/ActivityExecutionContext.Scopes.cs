using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Execution;

/// <summary>Variables, inputs and outputs as seen from one activity: the nearest declaration wins.</summary>
public sealed partial class ActivityExecutionContext
{
    /// <summary>The value of a variable visible from here, by name or id.</summary>
    public object? GetVariable(string nameOrId) => FindVariable(nameOrId)?.Value;

    public T? GetVariable<T>(string nameOrId) => ValueConverter.Convert<T>(GetVariable(nameOrId));

    /// <summary>Sets a visible variable, or declares it on the workflow when none exists (Elsa's setVariable).</summary>
    public void SetVariable(string nameOrId, object? value)
    {
        if (FindVariable(nameOrId) is { } variable)
        {
            variable.Set(value);
            return;
        }

        var root = Execution.Root;
        root.Variables ??= [];
        var declared = Variable.Local(nameOrId, value);
        root.Variables.Add(declared);
    }

    /// <summary>The input of the nearest workflow definition (the instance's own, or a workflow used as activity).</summary>
    public object? GetInput(string name) =>
        FindScopeContext()?.Scope!.Inputs.GetValueOrDefault(name) ?? Execution.Input.GetValueOrDefault(name);

    /// <summary>Writes a named output of the nearest definition that declares it, or of the workflow itself.</summary>
    public void SetWorkflowOutput(string name, object? value)
    {
        for (var context = this; context is not null; context = context.Parent)
        {
            if (context.Scope?.OutputName(name) is { } declared)
            {
                context.Scope.Outputs[declared] = value;
                return;
            }
        }

        Execution.Root.Scope!.Outputs[name] = value;
    }

    internal ActivityExecutionContext? FindScopeContext()
    {
        for (var context = this; context is not null; context = context.Parent)
        {
            if (context.Scope is not null)
            {
                return context;
            }
        }

        return null;
    }

    internal Variable? FindVariable(string nameOrId)
    {
        for (var context = this; context is not null; context = context.Parent)
        {
            if (context.Variables is not { } variables)
            {
                continue;
            }

            foreach (var variable in variables)
            {
                if (variable.Id == nameOrId)
                {
                    return variable;
                }
            }

            foreach (var variable in variables)
            {
                if (string.Equals(variable.Name, nameOrId, StringComparison.Ordinal))
                {
                    return variable;
                }
            }
        }

        return null;
    }

    /// <summary>Every variable visible from here, nearest first (what script accessors are generated for).</summary>
    internal IEnumerable<Variable> VisibleVariables()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var context = this; context is not null; context = context.Parent)
        {
            if (context.Variables is not { } variables)
            {
                continue;
            }

            foreach (var variable in variables)
            {
                if (seen.Add(variable.Name))
                {
                    yield return variable;
                }
            }
        }
    }
}
