using System.Collections.Concurrent;
using System.Diagnostics;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions.JavaScript;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace EscalationStudio.Workflows.Expressions.CSharp;

/// <summary>
/// Runs C# expressions and Run C# scripts with Roslyn scripting, as Elsa does. Each expression text is compiled once,
/// in the background (the first compilation loads the compiler and takes seconds), and kept in a bounded cache, compile
/// errors included. A run gets the time and allocation budget of <see cref="ScriptLimits"/>:
/// <list type="bullet">
/// <item>The script is rewritten (<see cref="GuardInjector"/>) to check its budget in every loop and call, so its own
/// loops and recursion stop themselves and its thread ends.</item>
/// <item>It runs on a thread of its own; the caller waits at most the time limit, then faults the activity and lets
/// the thread go. Code the checks cannot reach (a long library call such as a regular expression or a huge
/// <c>string.Join</c>) may run on after that: such threads are counted, and while <see cref="MaxRunawayScripts"/> of
/// them are still running, C# is refused rather than letting them pile up.</item>
/// </list>
/// C# is not a sandbox: a script can call any .NET API the server can (files, network, processes). Only people trusted
/// with the server should be able to publish policies.
/// </summary>
internal sealed class CSharpEvaluator(ScriptLimits limits)
{
    /// <summary>Expression texts kept compiled; designer expressions are few, but texts built from data must not grow it forever.</summary>
    internal const int CacheCapacity = 1024;

    internal const int MaxRunawayScripts = 4;

    /// <summary>Why C# does not run when <see cref="ScriptLimits.AllowCSharp"/> is off.</summary>
    internal const string TurnedOff = "C# is turned off here (a C# script can call any .NET API the server can); use JavaScript or Liquid, or ask an admin to allow C#.";

    /// <summary>How long an evaluation waits for its expression's compilation; the compilation goes on and is kept either way.</summary>
    internal static readonly TimeSpan CompileWait = TimeSpan.FromSeconds(60);

    private static readonly string[] Imports = ["System", "System.Linq", "System.Collections.Generic", "System.Text", "System.Text.Json", "System.Text.Json.Nodes", "System.Threading.Tasks"];

    private static readonly Lazy<ScriptOptions> Options = new(() => ScriptOptions.Default
        .WithReferences(
            typeof(object).Assembly,
            typeof(Enumerable).Assembly,
            typeof(System.Collections.Generic.LinkedList<>).Assembly,
            typeof(System.Dynamic.DynamicObject).Assembly,
            typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
            typeof(System.Text.Json.JsonSerializer).Assembly,
            typeof(System.Text.RegularExpressions.Regex).Assembly,
            System.Reflection.Assembly.Load("System.Runtime"),
            typeof(CSharpGlobals).Assembly)
        .WithImports(Imports)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithEmitDebugInformation(false));

    private static int s_runaway;

    // One cache for the process: a compiled script does not depend on the limits, and the designer's test runs use an
    // engine of their own that should find the live engine's compilations.
    private static readonly ConcurrentDictionary<string, Lazy<Task<CompiledScript>>> s_compiled = new(StringComparer.Ordinal);
    private static int s_compilations;

    public ScriptLimits Limits { get; } = limits;

    /// <summary>How many compilations were started in this process (the cache's misses).</summary>
    internal static int Compilations => Volatile.Read(ref s_compilations);

    /// <summary>Scripts that broke their time limit in code the checks cannot reach and are still running.</summary>
    internal static int RunawayScripts => Volatile.Read(ref s_runaway);

    /// <summary>Starts compiling an expression in the background, so its first run does not wait for the compiler.</summary>
    public static void Precompile(string code) => _ = Compile(code);

    public object? Evaluate(string code, Type target, ActivityExecutionContext? context, Action<CSharpGlobals>? after = null)
    {
        var where = Where(context);
        if (!Limits.AllowCSharp)
        {
            throw new ScriptException($"{Capitalized(where)} was not run: {TurnedOff}");
        }

        var runner = Runner(code, context, where);
        if (RunawayScripts >= MaxRunawayScripts)
        {
            throw new ScriptException($"{Capitalized(where)} was not run: {RunawayScripts} earlier C# scripts broke their time " +
                "limit in code its checks cannot stop and are still running; restart the server to end them.");
        }

        var budget = new ScriptBudget(Stopwatch.GetTimestamp() + (long)(Limits.Timeout.TotalSeconds * Stopwatch.Frequency), Limits.MemoryBytes);
        var globals = new CSharpGlobals(context, budget);
        var run = new ScriptRun(runner, globals, budget);
        if (!run.Finished.Wait(Limits.Timeout))
        {
            run.Abandon();
            throw new ScriptException($"{Capitalized(where)} exceeded its time limit of {Limits.Timeout.TotalMilliseconds:0} ms.");
        }

        if (budget.Broken is { } broken)
        {
            throw Exceeded(broken, where);
        }

        switch (run.Error)
        {
            case null:
                break;
            case ScriptBudgetExceededException exceeded:
                throw Exceeded(exceeded.What, where);
            case InsufficientExecutionStackException:
                throw new ScriptException($"{Capitalized(where)} recursed too deeply (the stack is nearly full).", run.Error);
            default:
                throw new ScriptException($"C# error{InActivity(context)}: {run.Error.GetType().Name}: {run.Error.Message}", run.Error);
        }

        after?.Invoke(globals);
        return ValueConverter.Convert(run.Result, target);
    }

    private static ScriptRunner<object> Runner(string code, ActivityExecutionContext? context, string where)
    {
        var compilation = Compile(code);
        if (!compilation.Wait(CompileWait))
        {
            throw new ScriptException($"{Capitalized(where)} was still being compiled after {CompileWait.TotalSeconds:0} s; a later run will use it once compiled.");
        }

        var compiled = compilation.Result;
        return compiled.Runner ?? throw new ScriptException($"C# compile error{InActivity(context)}: {compiled.Error}");
    }

    private static Task<CompiledScript> Compile(string code)
    {
        var entry = s_compiled.GetOrAdd(code, text => new Lazy<Task<CompiledScript>>(() =>
        {
            Interlocked.Increment(ref s_compilations);
            // Compiling is seconds of CPU the first time (the compiler loads and JITs): never on the thread pool.
            return Task.Factory.StartNew(() => CompiledScript.Create(text), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }));
        if (s_compiled.Count > CacheCapacity)
        {
            foreach (var key in s_compiled.Keys.Take(s_compiled.Count - CacheCapacity))
            {
                if (!string.Equals(key, code, StringComparison.Ordinal))
                {
                    s_compiled.TryRemove(key, out _);
                }
            }
        }

        return entry.Value;
    }

    private ScriptException Exceeded(ScriptBudgetExceededException.Kind kind, string where) => kind switch
    {
        ScriptBudgetExceededException.Kind.Memory => new ScriptException($"{Capitalized(where)} exceeded its allocation limit of {Limits.MemoryBytes / 1024 / 1024} MB."),
        _ => new ScriptException($"{Capitalized(where)} exceeded its time limit of {Limits.Timeout.TotalMilliseconds:0} ms."),
    };

    internal static string Where(ActivityExecutionContext? context) =>
        context is null ? "the C# expression" : $"the C# in activity '{context.Activity.Id}'";

    private static string InActivity(ActivityExecutionContext? context) => context is null ? "" : $" in activity '{context.Activity.Id}'";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A compiled expression, or why it does not compile (kept too, so a broken expression is compiled once).</summary>
    private sealed record CompiledScript(ScriptRunner<object>? Runner, string? Error)
    {
        public static CompiledScript Create(string code)
        {
            var script = CSharpScript.Create<object>(code, Options.Value, typeof(CSharpGlobals));
            var compilation = script.GetCompilation();
            var error = compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (error is not null)
            {
                var position = error.Location.GetLineSpan().StartLinePosition;
                return new CompiledScript(null, $"{error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} (line {position.Line + 1}, column {position.Character + 1}).");
            }

            var tree = compilation.SyntaxTrees.Single();
            var guarded = GuardInjector.Rewrite(tree, compilation.GetSemanticModel(tree));
            try
            {
                return new CompiledScript(CSharpScript.Create<object>(guarded, Options.Value, typeof(CSharpGlobals)).CreateDelegate(), null);
            }
            catch (CompilationErrorException e)
            {
                // The script compiled as written; its guarded form should too. Say so rather than hide it.
                var first = e.Diagnostics.FirstOrDefault()?.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                return new CompiledScript(null, $"the script could not be prepared for its time checks: {first}");
            }
        }
    }

    /// <summary>One run on a thread of its own, so the caller can stop waiting for it.</summary>
    private sealed class ScriptRun
    {
        private const int Running = 0, Done = 1, Abandoned = 2;
        private readonly ScriptRunner<object> _runner;
        private readonly CSharpGlobals _globals;
        private readonly ScriptBudget _budget;
        private int _state;

        public ScriptRun(ScriptRunner<object> runner, CSharpGlobals globals, ScriptBudget budget)
        {
            _runner = runner;
            _globals = globals;
            _budget = budget;
            // A deep but legal recursion needs room; EnsureSufficientExecutionStack keeps it from overflowing.
            new Thread(Run, maxStackSize: 4 * 1024 * 1024) { IsBackground = true, Name = "C# expression" }.Start();
        }

        public ManualResetEventSlim Finished { get; } = new();

        public object? Result { get; private set; }

        public Exception? Error { get; private set; }

        public void Abandon()
        {
            _budget.Abandoned = true;
            if (Interlocked.CompareExchange(ref _state, Abandoned, Running) == Running)
            {
                Interlocked.Increment(ref s_runaway);
            }
        }

        private void Run()
        {
            _budget.Start();
            ScriptGuard.Arm(_budget);
            try
            {
                Result = _runner(_globals).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Error = e;
            }
            finally
            {
                if (Interlocked.CompareExchange(ref _state, Done, Running) == Abandoned)
                {
                    Interlocked.Decrement(ref s_runaway);
                }

                Finished.Set();
            }
        }
    }
}
