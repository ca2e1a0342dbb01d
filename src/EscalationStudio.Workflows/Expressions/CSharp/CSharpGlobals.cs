using System.Dynamic;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Expressions.CSharp;

/// <summary>
/// What a C# expression sees, as in Elsa (Elsa.CSharp's Globals): <c>Variables.Name</c> (read and write),
/// <c>Variable.Get("Name")</c> / <c>Variable.Set("Name", value)</c>, <c>Input.Name</c> / <c>Input.Get("Name")</c> for the
/// nearest definition's inputs, <c>Output.LastResult</c>, <c>Outcome.Set(...)</c> in Run C#, the instance's identity and a
/// settable <c>CorrelationId</c>. Elsa generates a typed property per variable; here they are looked up by name at run
/// time (<c>dynamic</c>), so one compilation serves every workflow that uses the same expression text.
/// </summary>
/// <remarks>
/// Public, with the types of its members, because the compiled scripts are an assembly of their own. Once the caller has
/// given up on a script (its time limit passed), every member throws, so a script still running cannot touch the
/// instance the engine has moved on with.
/// </remarks>
public sealed class CSharpGlobals
{
    private readonly ActivityExecutionContext? _context;
    private readonly ScriptBudget _budget;

    internal CSharpGlobals(ActivityExecutionContext? context, ScriptBudget budget)
    {
        _context = context;
        _budget = budget;
        Variables = new ScriptVariables(this);
        Input = new ScriptInputs(this);
        Output = new ScriptOutput(this);
        Outcome = new ScriptOutcome();
    }

    /// <summary>The workflow's variables by name: <c>Variables.Counter + 1</c>, <c>Variables.Note = "..."</c>.</summary>
    public dynamic Variables { get; }

    /// <summary>Elsa's other spelling: <c>Variable.Get("Counter")</c>, <c>Variable.Set("Counter", 2)</c>, <c>Variable.Counter</c>.</summary>
    public dynamic Variable => Variables;

    /// <summary>The inputs of the nearest workflow definition (or the instance's input): <c>Input.TicketId</c>, <c>Input.Get("TicketId")</c>.</summary>
    public dynamic Input { get; }

    /// <summary>Elsa's generated name for the same inputs.</summary>
    public dynamic Inputs => Input;

    public ScriptOutput Output { get; }

    public ScriptOutcome Outcome { get; }

    public string WorkflowInstanceId => Context.WorkflowInstanceId;

    public string WorkflowDefinitionId => Context.DefinitionId;

    public string WorkflowDefinitionVersionId => Context.DefinitionVersionId;

    public int WorkflowDefinitionVersion => Context.DefinitionVersion;

    public string? CorrelationId
    {
        get => Context.CorrelationId;
        set => Context.CorrelationId = value;
    }

    /// <summary>Arguments the caller passes (Elsa's evaluator arguments); none are passed by this engine's activities.</summary>
    public IDictionary<string, object?> Arguments { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    internal ActivityExecutionContext Context
    {
        get
        {
            if (_budget.Abandoned)
            {
                throw new ScriptBudgetExceededException(ScriptBudgetExceededException.Kind.Time);
            }

            return _context ?? throw new InvalidOperationException("This C# expression is evaluated outside a workflow: it has no variables, inputs or instance.");
        }
    }

    internal Variable? FindVariable(string name)
    {
        var variables = Context.VisibleVariables().ToList();
        return variables.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal))
            ?? variables.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The workflow's variables, by name; see <see cref="CSharpGlobals.Variables"/>.</summary>
public sealed class ScriptVariables : DynamicObject
{
    private readonly CSharpGlobals _globals;

    internal ScriptVariables(CSharpGlobals globals) => _globals = globals;

    public object? Get(string name) => _globals.FindVariable(name)?.Value ?? _globals.Context.GetVariable(name);

    public T? Get<T>(string name) => ValueConverter.Convert<T>(Get(name));

    public void Set(string name, object? value)
    {
        if (_globals.FindVariable(name) is { } variable)
        {
            variable.Set(value);
        }
        else
        {
            _globals.Context.SetVariable(name, value);
        }
    }

    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = Get(binder.Name);
        return true;
    }

    public override bool TrySetMember(SetMemberBinder binder, object? value)
    {
        Set(binder.Name, value);
        return true;
    }
}

/// <summary>The nearest definition's inputs, by name; see <see cref="CSharpGlobals.Input"/>.</summary>
public sealed class ScriptInputs : DynamicObject
{
    private readonly CSharpGlobals _globals;

    internal ScriptInputs(CSharpGlobals globals) => _globals = globals;

    public object? Get(string name) => _globals.Context.GetInput(name);

    public T? Get<T>(string name) => ValueConverter.Convert<T>(Get(name));

    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = Get(binder.Name);
        return true;
    }
}

/// <summary>Results of earlier activities.</summary>
public sealed class ScriptOutput
{
    private readonly CSharpGlobals _globals;

    internal ScriptOutput(CSharpGlobals globals) => _globals = globals;

    /// <summary>The output the last activity before this one produced.</summary>
    public object? LastResult => _globals.Context.Execution.LastResult;
}

/// <summary>The outcomes a Run C# activity completes with (<c>Done</c> when the script sets none).</summary>
public sealed class ScriptOutcome
{
    internal List<string> Chosen { get; } = [];

    public void Set(params string[] outcomes) => Chosen.AddRange(outcomes);
}
