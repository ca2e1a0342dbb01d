using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>Runs the dispatcher whenever ticket events are queued; a failing batch is logged and skipped.</summary>
public sealed class PolicyDispatchService(PolicyEventQueue queue, PolicyDispatcher dispatcher, ILogger<PolicyDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await queue.WaitToReadAsync(stoppingToken))
        {
            try
            {
                await dispatcher.DispatchQueuedAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The batch was marked dispatched; what is still queued is taken on the next round.
                logger.LogError(error, "Dispatching queued ticket events to policies failed");
            }
        }
    }
}
