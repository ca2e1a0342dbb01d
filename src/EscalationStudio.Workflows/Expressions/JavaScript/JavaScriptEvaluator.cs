using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Acornima;
using EscalationStudio.Workflows.Execution;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Runtime;

namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// Runs JavaScript with Jint the way Elsa does (JintJavaScriptEvaluator): top-level <c>return</c> allowed, CLR access
/// off, Elsa's global functions and generated <c>get&lt;Var&gt;()</c>/<c>set&lt;Var&gt;()</c> accessors. Parsed scripts are
/// cached by source text; every evaluation gets a fresh engine with the hard limits of <see cref="ScriptLimits"/>, and
/// a broken limit is a <see cref="ScriptException"/> that names the activity and the limit.
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
        var prepared = Prepare(script, context);
        // One deadline for the script and for copying its result out: a getter or proxy on the result runs script too.
        var deadline = new OperationDeadlineConstraint();
        var engine = new Engine(options =>
        {
            options.Constraint(deadline);
            options.LimitMemory(Limits.MemoryBytes);
            options.LimitRecursion(Limits.RecursionDepth);
            options.MaxStatements(Limits.MaxStatements);
            options.MaxArraySize(Limits.MaxArrayLength);
            options.RegexTimeoutInterval(Limits.Timeout);
            // Recursion that no call expression shows (a deeply nested array's toString, a getter chain) would
            // otherwise overflow the host's stack and end the process; with this it is a RangeError.
            options.Constraints.StackOverflowGuard = true;
            options.Strict = false;
        });
        var where = Where(context);
        ScriptSizeGuards.Install(engine, Limits);
        JavaScriptGlobals.Register(engine, context, Limits, where);
        configure?.Invoke(engine);

        deadline.Begin(Limits.Timeout);
        try
        {
            var result = engine.Evaluate(prepared);
            return ValueConverter.Convert(JavaScriptValues.ToClr(result, Limits, $"the result of {where}"), target);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new ScriptException($"{Capitalized(where)} exceeded its time limit of {Limits.Timeout.TotalMilliseconds:0} ms in a regular expression.", e);
        }
        catch (TimeoutException e)
        {
            throw new ScriptException($"{Capitalized(where)} exceeded its time limit of {Limits.Timeout.TotalMilliseconds:0} ms.", e);
        }
        catch (MemoryLimitExceededException e) when (e.Message.Contains("array size", StringComparison.OrdinalIgnoreCase))
        {
            // Jint grows arrays by doubling and compares the grown capacity, so its own message tells the size reached.
            throw new ScriptException($"{Capitalized(where)} exceeded its array size limit of {Limits.MaxArrayLength:N0} elements ({e.Message}).", e);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new ScriptException($"{Capitalized(where)} exceeded its memory limit of {Limits.MemoryBytes / 1024 / 1024} MB.", e);
        }
        catch (ScriptSizeGuards.StringLimitException e)
        {
            throw new ScriptException($"{Capitalized(where)} exceeded its string length limit of {e.Limit:N0} characters: {e.Message}.", e);
        }
        catch (RecursionDepthOverflowException e)
        {
            throw new ScriptException($"{Capitalized(where)} exceeded its recursion limit of {Limits.RecursionDepth} calls.", e);
        }
        catch (StatementsCountOverflowException e)
        {
            throw new ScriptException($"{Capitalized(where)} exceeded its limit of {Limits.MaxStatements} statements.", e);
        }
        catch (ScriptPreparationException e)
        {
            throw SyntaxError(e, context);
        }
        catch (JavaScriptException e)
        {
            throw new ScriptException($"JavaScript error{InActivity(context)}: {e.Message} (line {e.Location.Start.Line}).", e);
        }
        finally
        {
            deadline.End();
        }
    }

    /// <summary>Names the script in messages: "the JavaScript in activity 'checkVip'".</summary>
    internal static string Where(ActivityExecutionContext? context) =>
        context is null ? "the JavaScript expression" : $"the JavaScript in activity '{context.Activity.Id}'";

    private static string InActivity(ActivityExecutionContext? context) => context is null ? "" : $" in activity '{context.Activity.Id}'";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private Prepared<Acornima.Ast.Script> Prepare(string script, ActivityExecutionContext? context)
    {
        if (_prepared.TryGetValue(script, out var cached))
        {
            return cached;
        }

        try
        {
            var prepared = Engine.PrepareScript(script, options: PreparationOptions);
            // Bounded: designer scripts are few, but a script built from data must not grow the cache forever.
            if (_prepared.Count < 4096)
            {
                _prepared.TryAdd(script, prepared);
            }

            return prepared;
        }
        catch (ParseErrorException e)
        {
            throw new ScriptException($"JavaScript syntax error{InActivity(context)}: {e.Description} (line {e.LineNumber}, column {e.Column}).", e);
        }
        catch (ScriptPreparationException e)
        {
            throw SyntaxError(e, context);
        }
    }

    private static ScriptException SyntaxError(ScriptPreparationException e, ActivityExecutionContext? context) => e.InnerException is ParseErrorException parse
        ? new ScriptException($"JavaScript syntax error{InActivity(context)}: {parse.Description} (line {parse.LineNumber}, column {parse.Column}).", e)
        : new ScriptException($"JavaScript syntax error{InActivity(context)}: {e.Message}", e);
}
