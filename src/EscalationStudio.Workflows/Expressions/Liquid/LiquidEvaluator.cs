using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions.JavaScript;
using Fluid;

namespace EscalationStudio.Workflows.Expressions.Liquid;

/// <summary>
/// Renders Liquid expressions with Fluid, as Elsa does (Elsa.Liquid): the template sees <c>Variables.&lt;name&gt;</c>,
/// <c>Input.&lt;name&gt;</c>, <c>WorkflowInstanceId</c>, <c>WorkflowDefinitionId</c>, <c>WorkflowDefinitionVersionId</c>,
/// <c>WorkflowDefinitionVersion</c> and <c>CorrelationId</c>. Parsed templates are cached by text. The limits of
/// <see cref="ScriptLimits"/> apply: statements (Fluid's steps), nesting, output length, collection size and wall-clock
/// time; a broken one faults the activity with an incident naming it.
/// </summary>
internal sealed class LiquidEvaluator
{
    private const int CacheCapacity = 1024;

    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);
    private readonly FluidParser _parser;
    private readonly TemplateOptions _options;

    public LiquidEvaluator(ScriptLimits limits)
    {
        Limits = limits;
        _parser = new FluidParser(new FluidParserOptions { MaxRecursionDepth = Math.Min(limits.RecursionDepth, FluidParserOptions.DefaultMaxRecursionDepth) });
        _options = new TemplateOptionsBuilder()
            .WithMaxSteps(limits.MaxStatements)
            .WithMaxRecursion(limits.RecursionDepth)
            .WithMaxOutputSize(limits.MaxStringLength)
            .WithMaxCollectionSize((int)limits.MaxArrayLength)
            .Build();
    }

    public ScriptLimits Limits { get; }

    public object? Evaluate(string text, Type target, ActivityExecutionContext? context)
    {
        var template = Parse(text, context);
        var templateContext = new TemplateContext(_options);
        if (context is not null)
        {
            Expose(templateContext, context);
        }

        using var deadline = new CancellationTokenSource(Limits.Timeout);
        templateContext.CancellationToken = deadline.Token;
        string rendered;
        try
        {
            rendered = template.Render(templateContext);
        }
        catch (OperationCanceledException e)
        {
            throw new ScriptException($"{Capitalized(Where(context))} exceeded its time limit of {Limits.Timeout.TotalMilliseconds:0} ms.", e);
        }
        catch (InvalidOperationException e)
        {
            // Fluid reports a broken limit (steps, recursion, output size, collection size) this way, in its own words.
            throw new ScriptException($"{Capitalized(Where(context))} broke a limit: {e.Message}", e);
        }

        return ValueConverter.Convert(rendered, target);
    }

    private IFluidTemplate Parse(string text, ActivityExecutionContext? context)
    {
        if (_parsed.TryGetValue(text, out var cached))
        {
            return cached;
        }

        if (!_parser.TryParse(text, out var template, out var error))
        {
            throw new ScriptException($"Liquid syntax error{InActivity(context)}: {error}");
        }

        if (_parsed.Count < CacheCapacity)
        {
            _parsed.TryAdd(text, template);
        }

        return template;
    }

    private static void Expose(TemplateContext template, ActivityExecutionContext context)
    {
        var variables = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in context.VisibleVariables())
        {
            variables.TryAdd(variable.Name, Plain(variable.Value));
        }

        var inputs = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.WorkflowInput)
        {
            inputs[name] = Plain(value);
        }

        if (context.FindScopeContext()?.Scope is { } scope)
        {
            foreach (var (name, value) in scope.Inputs)
            {
                inputs[name] = Plain(value);
            }
        }

        template.SetValue("Variables", variables);
        template.SetValue("Input", inputs);
        template.SetValue("WorkflowInstanceId", context.WorkflowInstanceId);
        template.SetValue("WorkflowDefinitionId", context.DefinitionId);
        template.SetValue("WorkflowDefinitionVersionId", context.DefinitionVersionId);
        template.SetValue("WorkflowDefinitionVersion", context.DefinitionVersion);
        template.SetValue("CorrelationId", context.CorrelationId ?? "");
    }

    /// <summary>JSON values become dictionaries, lists and scalars, which Fluid reads member by member.</summary>
    private static object? Plain(object? value) => value is JsonNode node ? ValueConverter.FromJson(node) : value;

    private static string Where(ActivityExecutionContext? context) =>
        context is null ? "the Liquid expression" : $"the Liquid in activity '{context.Activity.Id}'";

    private static string InActivity(ActivityExecutionContext? context) => context is null ? "" : $" in activity '{context.Activity.Id}'";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
