using EscalationStudio.Policies.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Backlog;

/// <summary>Runs the queued sweeps of the open backlog one after another, in the background; a failing sweep is logged and the next one runs.</summary>
internal sealed partial class BacklogCoverageService(
    BacklogCoverageQueue queue,
    BacklogCoverage coverage,
    PolicyEventQueue ticketEvents,
    IHostApplicationLifetime lifetime,
    IOptions<BacklogCoverageOptions> options,
    ILogger<BacklogCoverageService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The start-up load of workflows/ queues sweeps while the host is still starting; they wait for the timer
        // scheduler and the dispatcher to run, so the SLA timers they arm are scheduled like any other.
        await WhenStartedAsync(stoppingToken);
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            queue.MarkStarted(request);
            try
            {
                LogSweeping(request.DefinitionId, request.Version, request.CreatedBy);
                await DrainTicketEventsAsync(stoppingToken);
                await coverage.CoverAsync(request.DefinitionId, request.CreatedBy, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(error, request.DefinitionId);
            }
            finally
            {
                queue.MarkFinished();
            }
        }
    }

    /// <summary>
    /// A ticket created just before the publish may have its creation still queued for the dispatcher, which starts
    /// the policy on it now that the trigger is live. Letting the dispatcher catch up first means the sweep finds that
    /// instance instead of starting a second one beside it.
    /// </summary>
    private async Task DrainTicketEventsAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Real time, not the host's clock: this bounds how long the dispatcher may take, not a business deadline.
            await ticketEvents.WhenIdleAsync(stoppingToken).WaitAsync(options.Value.DispatchDrainLimit, TimeProvider.System, stoppingToken);
        }
        catch (TimeoutException)
        {
            LogDispatcherBusy(options.Value.DispatchDrainLimit.TotalSeconds);
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(LogLevel.Information, "Open backlog: covering the tickets open at {CreatedBy:u} with policy {Policy} (version {Version})")]
    private partial void LogSweeping(string policy, int version, DateTimeOffset createdBy);

    [LoggerMessage(LogLevel.Warning, "Open backlog: the dispatcher is still busy after {Seconds} s; sweeping anyway")]
    private partial void LogDispatcherBusy(double seconds);

    [LoggerMessage(LogLevel.Error, "Open backlog: the sweep for policy {Policy} failed; the next publish or start sweeps again")]
    private partial void LogSweepFailed(Exception error, string policy);
}
