using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// Turns committed ticket events into stimuli: first it resumes the policy instances waiting on the ticket, then it
/// starts every published policy whose ticket trigger the event satisfies, unless that policy already runs for the ticket.
/// </summary>
public sealed class PolicyDispatcher(
    WorkflowRuntime runtime,
    ITriggerStore triggers,
    IBookmarkStore bookmarks,
    IPolicyInstanceIndex instances,
    IServiceScopeFactory scopes,
    ILogger<PolicyDispatcher> logger)
{
    public async Task DispatchAsync(IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var ticketEvents in events.GroupBy(e => e.TicketId))
        {
            Ticket? ticket;
            await using (var scope = scopes.CreateAsyncScope())
            {
                ticket = await scope.ServiceProvider.GetRequiredService<ITicketDesk>().FindAsync(ticketEvents.Key, cancellationToken);
            }

            if (ticket is null)
            {
                continue;
            }

            foreach (var ticketEvent in ticketEvents.OrderBy(e => e.Sequence))
            {
                await DispatchAsync(ticketEvent, ticket, cancellationToken);
            }
        }
    }

    private async Task DispatchAsync(TicketEvent ticketEvent, Ticket ticket, CancellationToken cancellationToken)
    {
        var ticketId = ticket.Id.ToString();
        var resumeInput = new Dictionary<string, object?>
        {
            [TicketTrigger.EventInputKey] = ticketEvent,
            [TicketTrigger.TicketInputKey] = ticket,
        };
        try
        {
            await runtime.SendStimulusAsync(new Stimulus(TicketStimuli.TicketChanged, new TicketChangedPayload(ticketId), resumeInput), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Resuming the policies waiting on ticket {Ticket} after {Event} failed", ticketId, ticketEvent.Type);
        }

        var context = new TicketEventContext(ticketEvent, ticket);
        foreach (var trigger in await triggers.ListAsync(cancellationToken))
        {
            if (TicketTriggerCatalog.RuleOf(trigger) is not { } rule || rule.Evaluate(context) is not { Fires: true } verdict)
            {
                continue;
            }

            if (await instances.IsRunningAsync(runtime, bookmarks, trigger.WorkflowDefinitionId, ticket.Id, cancellationToken))
            {
                logger.LogDebug("Policy {Policy} already runs for ticket {Ticket}; {Trigger} does not start another", trigger.WorkflowDefinitionId, ticketId, trigger.Trigger.Name);
                continue;
            }

            WorkflowRunResult result;
            try
            {
                result = await runtime.StartAsync(trigger.WorkflowDefinitionVersionId, new StartWorkflowRequest
                {
                    CorrelationId = ticketId,
                    TriggerActivityId = trigger.Trigger.ActivityId,
                    Input = new Dictionary<string, object?>
                    {
                        [TicketStimuli.TicketIdInput] = ticketId,
                        [TicketStimuli.EventTypeInput] = ticketEvent.Type.ToString(),
                        [TicketStimuli.ReasonInput] = verdict.Reason,
                        [TicketStimuli.DetailsInput] = verdict.Details?.ToArray() ?? [],
                    },
                }, cancellationToken);
                await instances.TrackAsync(trigger.WorkflowDefinitionId, ticket.Id, result.State.Id, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One broken policy must not keep the others from running on this ticket.
                logger.LogError(error, "Policy {Policy} could not start for ticket {Ticket}", trigger.WorkflowDefinitionId, ticketId);
                continue;
            }

            foreach (var incident in result.Incidents)
            {
                logger.LogWarning("Policy {Policy} on ticket {Ticket}: activity {Activity} failed: {Message}", trigger.WorkflowDefinitionId, ticketId, incident.ActivityId, incident.Message);
            }
        }
    }
}
