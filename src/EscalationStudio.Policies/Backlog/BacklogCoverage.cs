using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Backlog;

/// <summary>
/// Starts a newly published SLA policy on every ticket that was already open, as if its SLA trigger had fired when the
/// ticket was created: the SLA timer then measures the ticket's history and arms the right due time, or records the
/// breach at once. Without it a ticket open 10 business hours under a new "open longer than 8h" policy is never
/// escalated, because the SLA trigger only fires on a ticket's creation.
/// </summary>
/// <remarks>
/// Idempotent: a ticket the policy has run on before, in any version and whether the instance still runs or has
/// finished, is skipped. A finished instance has had its say (it escalated, or the SLA was met), and starting it again
/// would escalate the ticket twice. So re-publishing, a restart in the middle of a sweep, and the start-up publish
/// of <c>workflows/</c> only start the policy where it never ran.
/// </remarks>
internal sealed partial class BacklogCoverage(
    WorkflowRuntime runtime,
    IWorkflowInstanceStore instances,
    IPolicyInstanceIndex policyInstances,
    IServiceScopeFactory scopes,
    IOptions<BacklogCoverageOptions> options,
    ILogger<BacklogCoverage> logger)
{
    // Becomes the escalation reason where the policy's activity names none, beside the dispatcher's "the SLA clock starts with the ticket".
    private const string Reason = "the SLA clock runs from the ticket's creation (the policy was published while it was open)";

    /// <summary>Covers the open tickets created at or before <paramref name="createdBy"/> (later ones get the policy from their own creation).</summary>
    public async Task<BacklogCoverageReport> CoverAsync(string definitionId, DateTimeOffset createdBy, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        int seen = 0, covered = 0, alreadyCovered = 0, failed = 0;
        var completed = false;
        Guid? after = null;
        try
        {
            while (true)
            {
                // Read again for every page: a retract, or a new version without an SLA trigger, ends the sweep; a new
                // version with one is started from here on.
                if (BacklogTriggers.CoveringTrigger(await TriggersOfAsync(definitionId, cancellationToken)) is not { } trigger)
                {
                    LogNoLongerCovering(definitionId);
                    break;
                }

                var page = await OpenTicketsAsync(createdBy, after, cancellationToken);
                if (page.Count == 0)
                {
                    completed = true;
                    break;
                }

                foreach (var ticketId in page)
                {
                    seen++;
                    switch (await CoverTicketAsync(trigger, ticketId, cancellationToken))
                    {
                        case TicketCoverage.Started: covered++; break;
                        case TicketCoverage.AlreadyCovered: alreadyCovered++; break;
                        case TicketCoverage.Failed: failed++; break;
                    }
                }

                after = page[^1];
                LogProgress(definitionId, seen, covered);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next start publishes workflows/ again, and that sweep skips what this one covered.
            LogInterrupted(definitionId, seen);
        }

        var report = new BacklogCoverageReport(definitionId, covered, alreadyCovered, failed, completed, Stopwatch.GetElapsedTime(started));
        LogSummary(definitionId, report.Covered, report.AlreadyCovered, report.Failed, report.Completed, report.Elapsed.TotalSeconds);
        return report;
    }

    private async Task<TicketCoverage> CoverTicketAsync(StoredTrigger trigger, Guid ticketId, CancellationToken cancellationToken)
    {
        var ticketKey = ticketId.ToString();
        try
        {
            var runs = await instances.ListAsync(new WorkflowInstanceQuery { DefinitionId = trigger.WorkflowDefinitionId, CorrelationId = ticketKey, Take = 1 }, cancellationToken);
            if (runs.Count > 0)
            {
                return TicketCoverage.AlreadyCovered;
            }

            // Re-read: the page is a moment old, and a ticket solved meanwhile has no SLA left to measure.
            if (await FindTicketAsync(ticketId, cancellationToken) is not { IsActive: true })
            {
                return TicketCoverage.NoLongerOpen;
            }

            var result = await runtime.StartOnceAsync(trigger.WorkflowDefinitionVersionId, new StartWorkflowRequest
            {
                InstanceId = InstanceIdFor(trigger.WorkflowDefinitionId, ticketId),
                CorrelationId = ticketKey,
                TriggerActivityId = trigger.Trigger.ActivityId,
                Input = new Dictionary<string, object?>
                {
                    [TicketStimuli.TicketIdInput] = ticketKey,
                    // As if the trigger had fired at creation, which is where the SLA timer measures from.
                    [TicketStimuli.EventTypeInput] = TicketEventType.Created.ToString(),
                    [TicketStimuli.ReasonInput] = Reason,
                    [TicketStimuli.DetailsInput] = Array.Empty<string>(),
                },
            }, cancellationToken);
            if (result is null)
            {
                // Another node's sweep started it first (under the same id, see InstanceIdFor).
                return TicketCoverage.AlreadyCovered;
            }

            await policyInstances.TrackAsync(trigger.WorkflowDefinitionId, ticketId, result.State.Id, cancellationToken);
            foreach (var incident in result.Incidents)
            {
                LogIncident(trigger.WorkflowDefinitionId, ticketKey, incident.ActivityId, incident.Message);
            }

            return result.Incidents.Count == 0 ? TicketCoverage.Started : TicketCoverage.Failed;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // One broken ticket must not leave the rest of the backlog uncovered.
            LogTicketFailed(error, trigger.WorkflowDefinitionId, ticketKey);
            return TicketCoverage.Failed;
        }
    }

    /// <summary>
    /// One instance id per policy and ticket. Several nodes may sweep the same backlog at once (each hears the publish);
    /// the instance is started once under this id (the start takes the instance's lock across nodes and finds it saved),
    /// so the other node counts the ticket as covered instead of escalating it a second time.
    /// </summary>
    internal static string InstanceIdFor(string definitionId, Guid ticketId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{definitionId}\n{ticketId:N}")))[..16];

    private async Task<IReadOnlyList<StoredTrigger>> TriggersOfAsync(string definitionId, CancellationToken cancellationToken) =>
        [.. (await runtime.ListTriggersAsync(cancellationToken)).Where(t => t.WorkflowDefinitionId == definitionId)];

    private async Task<IReadOnlyList<Guid>> OpenTicketsAsync(DateTimeOffset createdBy, Guid? after, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITicketDesk>().ListActiveTicketIdsAsync(createdBy, after, options.Value.PageSize, cancellationToken);
    }

    private async Task<Ticket?> FindTicketAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITicketDesk>().FindAsync(ticketId, cancellationToken);
    }

    private enum TicketCoverage
    {
        Started,
        AlreadyCovered,
        NoLongerOpen,
        Failed,
    }

    [LoggerMessage(LogLevel.Information, "Open backlog, policy {Policy}: {Seen} open tickets checked so far, {Covered} of them newly covered")]
    private partial void LogProgress(string policy, int seen, int covered);

    [LoggerMessage(LogLevel.Information,
        "Open backlog, policy {Policy}: {Covered} open tickets newly covered, {AlreadyCovered} had it already, " +
        "{Failed} failed; complete: {Completed}; {Seconds:0.0} s")]
    private partial void LogSummary(string policy, int covered, int alreadyCovered, int failed, bool completed, double seconds);

    [LoggerMessage(LogLevel.Information, "Open backlog, policy {Policy}: no SLA trigger is published any more, the sweep stops")]
    private partial void LogNoLongerCovering(string policy);

    [LoggerMessage(LogLevel.Information, "Open backlog, policy {Policy}: stopped by shutdown after {Seen} tickets; the next start continues")]
    private partial void LogInterrupted(string policy, int seen);

    [LoggerMessage(LogLevel.Warning, "Open backlog, policy {Policy} on ticket {Ticket}: activity {Activity} failed: {Message}")]
    private partial void LogIncident(string policy, string ticket, string activity, string message);

    [LoggerMessage(LogLevel.Error, "Open backlog, policy {Policy} could not start on ticket {Ticket}; the sweep goes on")]
    private partial void LogTicketFailed(Exception error, string policy, string ticket);
}
