using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>Runs the dispatcher over the queued ticket events, one batch at a time; a failing batch is logged and skipped.</summary>
public sealed class PolicyDispatchService(PolicyEventQueue queue, PolicyDispatcher dispatcher, ILogger<PolicyDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var events in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await dispatcher.DispatchAsync(events, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(error, "Dispatching {Count} ticket events of ticket {Ticket} to policies failed", events.Count, events.FirstOrDefault()?.TicketId);
            }
            finally
            {
                queue.MarkDispatched();
            }
        }
    }
}
