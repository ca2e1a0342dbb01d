using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// Runs the dispatcher: first over the events the outbox holds from before the start (committed, never dispatched:
/// the process stopped), then whenever ticket events are queued; again over the outbox when the queue overflowed, and
/// every <see cref="PolicyDispatchOptions.SweepInterval"/> over entries no node handled in time. A failing batch is
/// logged; its events stay in the outbox and are taken up again <see cref="PolicyDispatchOptions.RetryAfterFailure"/>
/// later. A catch-up that fails waits as long before it is tried again.
/// </summary>
internal sealed partial class PolicyDispatchService(
    PolicyEventQueue queue,
    PolicyDispatcher dispatcher,
    TimeProvider time,
    ILogger<PolicyDispatchService> logger,
    IOptions<PolicyDispatchOptions>? options = null) : BackgroundService
{
    private readonly PolicyDispatchOptions _options = options?.Value ?? new PolicyDispatchOptions();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Before the first await, so during the host's start: commits from here on wait in the outbox behind the older ones.
        queue.BeginCatchUp();
        var nextSweep = time.GetUtcNow() + _options.SweepInterval;
        // After a failed batch: when to take its events up again, and the time of the latest failure before then.
        (DateTimeOffset Due, DateTimeOffset FailedThrough)? retry = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (queue.NeedsCatchUp)
                {
                    await CatchUpAsync(stoppingToken);
                }

                if (retry is { } due && time.GetUtcNow() >= due.Due)
                {
                    // The failed batches' events are in the outbox only, and nothing else would take them up before the
                    // sweep. The entries recorded by the last failure are taken, this node's and any another node still has.
                    retry = null;
                    await dispatcher.CatchUpAsync(due.FailedThrough, stoppingToken);
                }

                await dispatcher.DispatchQueuedAsync(stoppingToken);
                if (queue.NeedsCatchUp)
                {
                    // The queue overflowed while this batch ran: new commits wait in the outbox, and none wakes the
                    // wait below, so waiting would leave them (and the API's 503s) until the next sweep.
                    continue;
                }

                if (time.GetUtcNow() >= nextSweep)
                {
                    nextSweep = time.GetUtcNow() + _options.SweepInterval;
                    if (await dispatcher.CatchUpAsync(time.GetUtcNow() - _options.SweepAge, stoppingToken) is > 0 and var swept)
                    {
                        LogSwept(swept);
                    }
                }

                await WaitForWorkAsync(retry is { Due: var retryDue } && retryDue < nextSweep ? retryDue : nextSweep, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogDispatchFailed(error);
                var now = time.GetUtcNow();
                // A retry already ahead stays; one now due was not reached (what failed came before it) and moves on.
                retry = (retry is { Due: var due } && due > now ? due : now + _options.RetryAfterFailure, now);
                if (queue.NeedsCatchUp)
                {
                    // The catch-up itself failed (the database away at start, say): the loop would try it again at once,
                    // and again, as fast as the error comes back. It waits for the retry instead.
                    await WaitForRetryAsync(retry.Value.Due, stoppingToken);
                }
            }
        }
    }

    private async Task WaitForRetryAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Max(due - time.GetUtcNow(), TimeSpan.Zero), time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the loop ends.
        }
    }

    private async Task CatchUpAsync(CancellationToken stoppingToken)
    {
        // Each pass takes what was recorded before it began, so it ends under any load.
        var tickets = await dispatcher.CatchUpAsync(time.GetUtcNow(), stoppingToken);

        // Commits queue again from here; a last pass over the outbox takes those left there in the meantime (it may
        // dispatch a commit that is also queued: the queued copy is then heard twice, which changes nothing).
        queue.QueueAgain();
        tickets += await dispatcher.CatchUpAsync(time.GetUtcNow(), stoppingToken);
        queue.CompleteCatchUp();
        if (tickets > 0)
        {
            LogCaughtUp(tickets);
        }
    }

    private async Task WaitForWorkAsync(DateTimeOffset until, CancellationToken stoppingToken)
    {
        using var due = new CancellationTokenSource(Max(until - time.GetUtcNow(), TimeSpan.Zero), time);
        using var sweep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, due.Token);
        try
        {
            await queue.WaitToReadAsync(sweep.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Time for the sweep, or to take up a failed batch again.
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(LogLevel.Information, "Dispatched the undispatched events of {Tickets} tickets from the outbox")]
    private partial void LogCaughtUp(int tickets);

    [LoggerMessage(LogLevel.Warning, "A sweep found {Tickets} tickets whose events no node had dispatched in time; dispatched them now")]
    private partial void LogSwept(int tickets);

    [LoggerMessage(LogLevel.Error, "Dispatching ticket events to policies failed; they stay in the outbox and are taken up again shortly")]
    private partial void LogDispatchFailed(Exception exception);
}
