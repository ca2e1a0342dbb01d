using System.Security.Cryptography;
using System.Text;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// Turns committed ticket events into policy runs: first it resumes the policy instances waiting on the ticket (only
/// those whose bookmark admits the event), then it starts every published policy whose ticket trigger the event
/// satisfies, unless that policy already runs for the ticket. Events are taken from the queue in batches; the
/// bookmarks of a batch's tickets are found in one lookup, and each ticket's events are handled in commit order.
/// </summary>
/// <remarks>
/// Every event is heard at least once and acts once. Handled events are marked in the outbox
/// (<see cref="ITicketEventOutbox"/>) after their batch; a process that dies before that hears them again from the
/// outbox (<see cref="CatchUpAsync"/>). Hearing an event again is harmless: an instance that has heard it is not resumed
/// by it (the event's sequence is saved with the instance), a trigger starts the instance named after the event at
/// most once, and a run replayed from its last saved state repeats its ticket changes under the same keys, which the
/// desk applies once (<see cref="DeskCallKeys"/>).
/// </remarks>
internal sealed class PolicyDispatcher(
    WorkflowRuntime runtime,
    IBookmarkStore bookmarks,
    IPolicyInstanceIndex instances,
    PolicyEventQueue queue,
    ILogger<PolicyDispatcher> logger,
    IOptions<PolicyDispatchOptions>? options = null,
    ITicketEventOutbox? outbox = null)
{
    /// <summary>
    /// Events per batch: large enough to share one bookmark lookup among many tickets under load, small enough that
    /// the batch's view of the waiting bookmarks stays fresh.
    /// </summary>
    internal const int BatchEvents = 128;

    private readonly TicketTriggerCatalog _catalog = new(runtime.Engine.Registry);
    private ParsedRules _rules = new([], []);

    /// <summary>
    /// Dispatches what is queued, batch by batch, until the queue is empty (events the policies cause on the way
    /// included). Each batch counts as dispatched even when it fails; the failure is rethrown.
    /// </summary>
    public async Task DispatchQueuedAsync(CancellationToken cancellationToken = default)
    {
        while (queue.Take(BatchEvents) is { Count: > 0 } batch)
        {
            try
            {
                await DispatchAsync(batch, cancellationToken);
                await MarkHandledAsync(batch, cancellationToken);
            }
            finally
            {
                queue.MarkDispatched(batch.Count);
            }
        }
    }

    /// <summary>
    /// Dispatches the events the outbox holds for tickets whose oldest unhandled event was recorded at or before
    /// <paramref name="recordedBy"/>, ticket by ticket in event order: after a start, those the process committed
    /// but never dispatched; after a full queue, those left to the outbox; in a sweep, those another node left.
    /// </summary>
    /// <remarks>
    /// The pass ends: an entry handled here leaves the outbox or, with events committed meanwhile, is stamped with the
    /// time it was handled, after <paramref name="recordedBy"/> when that is the pass's start. A batch that fails is
    /// postponed the same way (the next sweep tries it again) and the pass goes on with the entries behind it.
    /// </remarks>
    /// <returns>The tickets whose events were dispatched.</returns>
    public async Task<int> CatchUpAsync(DateTimeOffset recordedBy, CancellationToken cancellationToken = default)
    {
        if (outbox is null)
        {
            return 0;
        }

        var done = new HashSet<Guid>();
        while (true)
        {
            // Listed again while in this pass only when its handling could not move it (the store refused even that).
            var tickets = (await outbox.ListPendingAsync(recordedBy, BatchEvents, cancellationToken)).Where(done.Add).ToList();
            if (tickets.Count == 0)
            {
                return done.Count;
            }

            try
            {
                var commits = (await outbox.ReadPendingAsync(tickets, cancellationToken))
                    .Where(p => p.Events.Count > 0)
                    .Select(p => new CommittedTicketEvents(p.Ticket, p.Events))
                    .ToList();

                await DispatchAsync(commits, cancellationToken);
                await MarkHandledAsync(commits, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Catching up on {Tickets} tickets' undispatched events failed; a later sweep tries them again", tickets.Count);
                await outbox.PostponeAsync(tickets, cancellationToken);
            }
        }
    }

    private Task MarkHandledAsync(IReadOnlyList<CommittedTicketEvents> commits, CancellationToken cancellationToken) =>
        outbox?.MarkHandledAsync(
            [.. commits.Where(c => c.Events.Count > 0).GroupBy(c => c.Ticket.Id, c => c.Events)
                .Select(t => new HandledTicketEvents(t.Key, t.Min(events => events.Min(e => e.Sequence)), t.Max(events => events.Max(e => e.Sequence))))],
            cancellationToken) ?? Task.CompletedTask;

    /// <summary>Dispatches committed events with their tickets; events of one ticket in the order given (commit, then sequence).</summary>
    public async Task DispatchAsync(IReadOnlyList<CommittedTicketEvents> commits, CancellationToken cancellationToken = default)
    {
        if (commits.Count == 0)
        {
            return;
        }

        var rules = await TicketRulesAsync(cancellationToken);
        var waiting = await WaitingOnTickets.FindAsync(bookmarks, commits.Select(c => c.Ticket.Id), cancellationToken);

        // One worker per ticket at a time: a ticket's events keep their order, and "one instance per policy and ticket"
        // is decided by that worker alone. Different tickets share nothing the workers write but thread-safe services.
        var ticketsAtOnce = (options?.Value ?? new PolicyDispatchOptions()).TicketsAtOnce;
        var tickets = commits.GroupBy(c => c.Ticket.Id);
        if (ticketsAtOnce == 1)
        {
            // The same order as one worker would take, on the caller's thread: a replay dispatches after every history
            // entry, and handing each batch to the thread pool cost more than the policies' own work.
            foreach (var ticketCommits in tickets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await DispatchTicketAsync(ticketCommits, waiting, rules, cancellationToken);
            }

            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ticketsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tickets, parallel, (ticketCommits, token) => new ValueTask(DispatchTicketAsync(ticketCommits, waiting, rules, token)));
    }

    private async Task DispatchTicketAsync(IEnumerable<CommittedTicketEvents> ticketCommits, WaitingOnTickets waiting, IReadOnlyList<TicketTriggerRule> rules,
        CancellationToken cancellationToken)
    {
        foreach (var commit in ticketCommits)
        {
            foreach (var ticketEvent in commit.Events.OrderBy(e => e.Sequence))
            {
                await ResumeWaitingAsync(ticketEvent, commit.Ticket, waiting, cancellationToken);
                await StartTriggeredAsync(ticketEvent, commit.Ticket, waiting, rules, cancellationToken);
            }

            queue.CountDispatchedEvents(commit.Events.Count);
        }
    }

    private async Task ResumeWaitingAsync(TicketEvent ticketEvent, Ticket ticket, WaitingOnTickets waiting, CancellationToken cancellationToken)
    {
        var input = new Dictionary<string, object?>
        {
            [TicketTrigger.EventInputKey] = ticketEvent,
            [TicketTrigger.TicketInputKey] = ticket,
        };

        // Bookmarks this event has been offered to, or that runs caused by this event created: none is offered it twice.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = waiting.Of(ticket.Id);
        while (candidates.Count > 0)
        {
            var foundGone = false;
            foreach (var bookmark in candidates)
            {
                if (!seen.Add(bookmark.Bookmark.Id) || !TicketEventFilter.Admits(bookmark.Bookmark, ticketEvent))
                {
                    continue;
                }

                try
                {
                    var resumption = await runtime.ResumeAsync(bookmark, input, ticketEvent.Sequence, cancellationToken);
                    // Heard before (a replay), or the policy is suspended and hears nothing until it is resumed.
                    if (resumption.Outcome is BookmarkResumptionOutcome.AlreadyHeard or BookmarkResumptionOutcome.Held)
                    {
                        continue;
                    }

                    if (resumption.Result is { } result)
                    {
                        waiting.Update(ticket.Id, result.State);
                        seen.UnionWith(result.State.Bookmarks.Select(b => b.Id));
                    }
                    else
                    {
                        foundGone = true;
                    }
                }
                catch (Exception error) when (RunFaults.IsTheRunsOwn(error))
                {
                    // One broken policy must not keep the others from hearing this event (a database failure fails the batch).
                    logger.LogError(error, "Resuming policy instance {Instance} on ticket {Ticket} after {Event} failed", bookmark.WorkflowInstanceId, ticket.Id, ticketEvent.Type);
                }
            }

            if (!foundGone)
            {
                break;
            }

            // An instance moved on outside this batch (a timer fired): its new bookmarks may want this event too.
            await waiting.RefreshAsync(bookmarks, ticket.Id, cancellationToken);
            candidates = [.. waiting.Of(ticket.Id).Where(b => !seen.Contains(b.Bookmark.Id))];
        }
    }

    private async Task StartTriggeredAsync(TicketEvent ticketEvent, Ticket ticket, WaitingOnTickets waiting, IReadOnlyList<TicketTriggerRule> rules,
        CancellationToken cancellationToken)
    {
        var context = new TicketEventContext(ticketEvent, ticket);
        foreach (var (trigger, rule) in rules)
        {
            if (rule.Evaluate(context) is not { Fires: true } verdict)
            {
                continue;
            }

            if (await instances.IsRunningAsync(runtime, waiting.Of(ticket.Id), trigger.WorkflowDefinitionId, ticket.Id, cancellationToken))
            {
                logger.LogDebug("Policy {Policy} already runs for ticket {Ticket}; {Trigger} does not start another", trigger.WorkflowDefinitionId, ticket.Id, trigger.Trigger.Name);
                continue;
            }

            WorkflowRunResult result;
            try
            {
                var started = await runtime.StartOnceAsync(trigger.WorkflowDefinitionVersionId, new StartWorkflowRequest
                {
                    InstanceId = InstanceIdFor(trigger.WorkflowDefinitionId, ticketEvent),
                    Position = ticketEvent.Sequence,
                    CorrelationId = ticket.Id.ToString(),
                    TriggerActivityId = trigger.Trigger.ActivityId,
                    Input = new Dictionary<string, object?>
                    {
                        [TicketStimuli.TicketIdInput] = ticket.Id.ToString(),
                        [TicketStimuli.EventTypeInput] = ticketEvent.Type.ToString(),
                        [TicketStimuli.ReasonInput] = verdict.Reason,
                        [TicketStimuli.DetailsInput] = verdict.Details?.ToArray() ?? [],
                        [TicketStimuli.TriggeredAtInput] = ticketEvent.OccurredAt,
                    },
                }, cancellationToken);
                if (started is null)
                {
                    // This event started it before (it is being heard again after a crash or by a sweep).
                    continue;
                }

                result = started;
                waiting.Update(ticket.Id, result.State);
                await instances.TrackAsync(trigger.WorkflowDefinitionId, ticket.Id, result.State.Id, cancellationToken);
            }
            catch (Exception error) when (RunFaults.IsTheRunsOwn(error))
            {
                // One broken policy must not keep the others from running on this ticket. A database failure is no
                // policy's fault: it fails the batch, whose events stay in the outbox to be heard again.
                logger.LogError(error, "Policy {Policy} could not start for ticket {Ticket}", trigger.WorkflowDefinitionId, ticket.Id);
                continue;
            }

            LogIncidents(result, ticket.Id);
        }
    }

    /// <summary>The instance a policy's trigger starts for one ticket event: the same every time the event is heard.</summary>
    internal static string InstanceIdFor(string definitionId, TicketEvent ticketEvent)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{definitionId}\n{ticketEvent.Id:N}"));
        return Convert.ToHexStringLower(hash, 0, 8);
    }

    /// <summary>The ticket triggers' rules, parsed again only when the runtime's trigger list changed.</summary>
    private async ValueTask<IReadOnlyList<TicketTriggerRule>> TicketRulesAsync(CancellationToken cancellationToken)
    {
        var triggers = await runtime.ListTriggersAsync(cancellationToken);
        var parsed = Volatile.Read(ref _rules);
        if (!ReferenceEquals(triggers, parsed.From))
        {
            parsed = new ParsedRules(triggers, InPrecedenceOrder(_catalog.RulesOf(triggers)));
            Volatile.Write(ref _rules, parsed);
        }

        return parsed.Rules;
    }

    /// <summary>
    /// Policies started by the same event run one after the other: the manager's precedence first (higher first), then
    /// by definition id, so two clashing policies act in the same order on every node and after every restart.
    /// </summary>
    private List<TicketTriggerRule> InPrecedenceOrder(IReadOnlyList<TicketTriggerRule> rules) =>
    [
        .. rules.OrderByDescending(r => runtime.Definitions.FindByVersionId(r.Trigger.WorkflowDefinitionVersionId) is { } definition
                ? Workflows.Definitions.Store.DefinitionStamps.PrecedenceOf(definition)
                : 0)
            .ThenBy(r => r.Trigger.WorkflowDefinitionId, StringComparer.Ordinal),
    ];

    private void LogIncidents(WorkflowRunResult result, Guid ticketId)
    {
        foreach (var incident in result.Incidents)
        {
            logger.LogWarning("Policy {Policy} on ticket {Ticket}: activity {Activity} failed: {Message}", result.State.DefinitionId, ticketId, incident.ActivityId, incident.Message);
        }
    }

    private sealed record ParsedRules(IReadOnlyList<StoredTrigger> From, IReadOnlyList<TicketTriggerRule> Rules);
}
