using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Server.Studio.WhatIf;

/// <summary>
/// Runs the queued What-ifs one after the other: the window's ticket events are read from the ticket store (read
/// only: the replay opens tickets of its own on an in-memory desk) and replayed through both sets of policies by
/// <see cref="ReplayComparison"/>, the code behind <c>escalation simulate --compare</c>.
/// </summary>
internal sealed partial class WhatIfWorker(
    WhatIfRuns runs,
    IServiceScopeFactory scopes,
    IOrgDirectorySource org,
    TemplateLibrary templates,
    TimeProvider clock,
    WorkflowEngine engine,
    ILogger<WhatIfWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var run in runs.Queue.ReadAllAsync(stoppingToken))
        {
            // The replay is CPU work from start to end: off the host's startup path and request threads.
            await Task.Run(() => RunAsync(run, stoppingToken), stoppingToken);
        }
    }

    /// <summary>
    /// A What-if shares the machine with the live tickets: its two sides replay at once only where that still leaves
    /// half the cores to them.
    /// </summary>
    private static int SidesAtOnce => Environment.ProcessorCount >= 4 ? 2 : 1;

    private async Task RunAsync(WhatIfRun run, CancellationToken cancellationToken)
    {
        run.State = WhatIfState.Running;
        try
        {
            long count = 0;
            await foreach (var _ in ReadAsync(run.From, run.To, cancellationToken))
            {
                count++;
            }

            run.Counted(count);
            run.Comparison = await ReplayComparison.CompareAsync(org.Current, templates, run.Baseline, run.Candidate,
                () => ReadAsync(run.From, run.To, cancellationToken), run.Progress(), engine.ScriptLimits, SidesAtOnce, cancellationToken);
            run.Replayed(run.EventsTotal);
            run.State = WhatIfState.Done;
            LogDone(run.DefinitionId, run.Days, count, run.Comparison.ChangedPaths.Count);
        }
        catch (WorkflowValidationException e)
        {
            Fail(run, $"A policy does not load: {e.Message}", e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Fail(run, "The server stopped before the run finished.", null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One failed run must not stop the queue: the page says what went wrong.
            Fail(run, $"The replay failed: {e.Message}", e);
        }
        finally
        {
            run.FinishedAt = clock.GetUtcNow();
        }
    }

    private void Fail(WhatIfRun run, string error, Exception? exception)
    {
        run.Error = error;
        run.State = WhatIfState.Failed;
        LogFailed(exception, run.DefinitionId, error);
    }

    /// <summary>The window's events as the replay's history; a scope per pass, as the ticket desk is scoped.</summary>
    private async IAsyncEnumerable<HistoryEvent> ReadAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
        await foreach (var e in desk.ReadEventsAsync(from, to, cancellationToken))
        {
            yield return new HistoryEvent(e.TicketId.ToString(), e.Type, e.Actor, e.OccurredAt, e.Data);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "What-if of {Policy} over {Days} days: {Events} events replayed per side, {Changed} tickets took another path")]
    private partial void LogDone(string policy, int days, long events, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "What-if of {Policy} failed: {Error}")]
    private partial void LogFailed(Exception? exception, string policy, string error);
}
