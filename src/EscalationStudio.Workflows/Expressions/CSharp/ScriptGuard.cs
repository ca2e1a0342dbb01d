using System.Runtime.CompilerServices;

namespace EscalationStudio.Workflows.Expressions.CSharp;

/// <summary>
/// The checks <see cref="GuardInjector"/> writes into every C# script: at the top of each loop body, before each
/// <c>goto</c> and at the entry of each method, local function, lambda and accessor. A script's own loops and recursion
/// therefore stop themselves at the time limit, the allocation budget or a nearly full stack, and the thread that ran
/// them ends instead of spinning on after the activity has faulted.
/// </summary>
/// <remarks>Public because the compiled scripts are an assembly of their own and call it.</remarks>
public static class ScriptGuard
{
    private static readonly AsyncLocal<ScriptBudget?> Current = new();

    /// <summary>Called at the top of every loop body and before every <c>goto</c>.</summary>
    public static void Loop()
    {
        Current.Value?.Tick();
    }

    /// <summary>
    /// Called on entry to every method, local function, lambda and accessor: deep recursion would otherwise overflow the
    /// stack, which no handler catches and which ends the whole process.
    /// </summary>
    public static void Enter()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        Loop();
    }

    /// <summary>Arms the guard for the script about to run on this thread (and on the continuations it awaits).</summary>
    internal static void Arm(ScriptBudget budget) => Current.Value = budget;
}

/// <summary>What one evaluation may still spend. Allocation is read from the thread that runs the script.</summary>
internal sealed class ScriptBudget(long deadlineTimestamp, long allocationLimit)
{
    private int _threadId = -1;
    private long _allocatedAtStart;

    /// <summary>Called on the script's own thread before it runs.</summary>
    public void Start()
    {
        _threadId = Environment.CurrentManagedThreadId;
        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    }

    private long _steps;

    /// <summary>Set when the caller gave up waiting: everything the script does from then on throws.</summary>
    public volatile bool Abandoned;

    /// <summary>
    /// The limit the script broke, kept even when the script catches the exception and carries on: every later check
    /// throws again, so a loop around a <c>try</c> cannot outlive it.
    /// </summary>
    public ScriptBudgetExceededException.Kind? Broken { get; private set; }

    public void Tick()
    {
        // The clock and the allocation counter are read every 256 steps; a broken budget is checked at every one.
        if (Broken is not null || Abandoned || ++_steps % 256 == 0)
        {
            Check();
        }
    }

    private void Check()
    {
        if (Broken is { } broken)
        {
            throw new ScriptBudgetExceededException(broken);
        }

        if (Abandoned || System.Diagnostics.Stopwatch.GetTimestamp() > deadlineTimestamp)
        {
            Break(ScriptBudgetExceededException.Kind.Time);
        }

        if (Environment.CurrentManagedThreadId == _threadId && GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > allocationLimit)
        {
            Break(ScriptBudgetExceededException.Kind.Memory);
        }
    }

    private void Break(ScriptBudgetExceededException.Kind kind)
    {
        Broken ??= kind;
        throw new ScriptBudgetExceededException(kind);
    }
}

/// <summary>Thrown into a script that broke its time or allocation budget.</summary>
internal sealed class ScriptBudgetExceededException(ScriptBudgetExceededException.Kind what) : Exception(what.ToString())
{
    internal enum Kind
    {
        Time,
        Memory,
    }

    public Kind What { get; } = what;
}
