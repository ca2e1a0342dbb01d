using System.Collections.Concurrent;
using Acornima;
using EscalationStudio.Workflows.Execution;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// Runs JavaScript with Jint the way Elsa does (JintJavaScriptEvaluator): top-level <c>return</c> allowed, CLR access
/// off, Elsa's global functions and generated <c>get&lt;Var&gt;()</c>/<c>set&lt;Var&gt;()</c> accessors. Parsed scripts are
/// cached by source text; every evaluation gets a fresh engine with hard limits.
/// </summary>
internal sealed class JavaScriptEvaluator(ScriptLimits limits)
{
    private static readonly ScriptPreparationOptions PreparationOptions = new()
    {
        ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
    };

    private readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> _prepared = new(StringComparer.Ordinal);

    public ScriptLimits Limits { get; } = limits;

    public object? Evaluate(string script, Type target, ActivityExecutionContext? context, Action<Engine>? configure = null)
    {
        var prepared = Prepare(script);
        var engine = new Engine(options =>
        {
            options.TimeoutInterval(Limits.Timeout);
            options.LimitMemory(Limits.MemoryBytes);
            options.LimitRecursion(Limits.RecursionDepth);
            options.MaxStatements(Limits.MaxStatements);
            options.Strict = false;
        });
        JavaScriptGlobals.Register(engine, context);
        configure?.Invoke(engine);

        JsValue result;
        try
        {
            result = engine.Evaluate(prepared);
        }
        catch (TimeoutException e)
        {
            throw new ScriptException($"JavaScript exceeded its time limit of {Limits.Timeout.TotalMilliseconds:0} ms.", e);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new ScriptException($"JavaScript exceeded its memory limit of {Limits.MemoryBytes / 1024 / 1024} MB.", e);
        }
        catch (RecursionDepthOverflowException e)
        {
            throw new ScriptException($"JavaScript exceeded its recursion limit of {Limits.RecursionDepth} calls.", e);
        }
        catch (StatementsCountOverflowException e)
        {
            throw new ScriptException($"JavaScript exceeded its limit of {Limits.MaxStatements} statements.", e);
        }
        catch (ScriptPreparationException e)
        {
            throw SyntaxError(e);
        }
        catch (JavaScriptException e)
        {
            throw new ScriptException($"JavaScript error: {e.Message} (line {e.Location.Start.Line}).", e);
        }

        return ValueConverter.Convert(JavaScriptValues.ToClr(result), target);
    }

    private Prepared<Acornima.Ast.Script> Prepare(string script)
    {
        if (_prepared.TryGetValue(script, out var cached)) return cached;
        try
        {
            var prepared = Engine.PrepareScript(script, options: PreparationOptions);
            // Bounded: designer scripts are few, but a script built from data must not grow the cache forever.
            if (_prepared.Count < 4096) _prepared.TryAdd(script, prepared);
            return prepared;
        }
        catch (ParseErrorException e)
        {
            throw new ScriptException($"JavaScript syntax error: {e.Description} (line {e.LineNumber}, column {e.Column}).", e);
        }
        catch (ScriptPreparationException e)
        {
            throw SyntaxError(e);
        }
    }

    private static ScriptException SyntaxError(ScriptPreparationException e) => e.InnerException is ParseErrorException parse
        ? new ScriptException($"JavaScript syntax error: {parse.Description} (line {parse.LineNumber}, column {parse.Column}).", e)
        : new ScriptException($"JavaScript syntax error: {e.Message}", e);
}
