using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Activities;

/// <summary>
/// How escalation activities reach the ticket they run for: the instance's correlation id is the ticket id, the
/// ticket desk is resolved in a scope of its own (activities run on background threads), and the policy acts as
/// <c>policy:&lt;definition id&gt;</c>.
/// </summary>
internal static partial class PolicyContext
{
    public static Guid TicketId(this ActivityExecutionContext context)
    {
        var text = context.CorrelationId ?? context.WorkflowInput.GetValueOrDefault(TicketStimuli.TicketIdInput)?.ToString();
        return Guid.TryParse(text, out var id)
            ? id
            : throw new InvalidOperationException($"activity {context.Activity.Id}: the workflow runs for no ticket (its correlation id '{text}' is not a ticket id)");
    }

    public static Actor Policy(this ActivityExecutionContext context) => Actor.Policy(context.DefinitionId);

    /// <summary>
    /// This node of the running definition version, recorded on the escalations it decides, with what last triggered
    /// the run and when its condition held (the escalation-health figures measure the policy's reaction from there).
    /// </summary>
    public static PolicyDecision Decision(this ActivityExecutionContext context) =>
        context.GetRunProperty(TriggerProperty) is JsonObject trigger
        && trigger["kind"]?.GetValue<string>() is { } kind
        && DateTimeOffset.TryParse(trigger["at"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? new(context.DefinitionId, context.DefinitionVersion, context.Activity.Id, kind, at)
            : new(context.DefinitionId, context.DefinitionVersion, context.Activity.Id);

    /// <summary>Remembers for the rest of the run that <paramref name="kind"/> fired because of what happened at <paramref name="at"/>.</summary>
    public static void RecordTrigger(this ActivityExecutionContext context, string kind, DateTimeOffset at) =>
        context.SetRunProperty(TriggerProperty, new JsonObject { ["kind"] = kind, ["at"] = at.ToString("O", CultureInfo.InvariantCulture) });

    /// <summary>The trigger kind of a trigger activity: its type's name in lower-case words ("Escalation.KeywordMatched": "keyword-matched").</summary>
    public static string TriggerKind(this ActivityExecutionContext context)
    {
        var name = context.Activity.Type[(context.Activity.Type.LastIndexOf('.') + 1)..];
        return KebabBoundary().Replace(name, "-$1").ToLowerInvariant();
    }

    private const string TriggerProperty = "trigger";

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex KebabBoundary();

    public static OrgDirectory Org(this ActivityExecutionContext context) =>
        context.GetRequiredService<IOrgDirectorySource>().Current;

    public static async Task<T> WithDeskAsync<T>(this ActivityExecutionContext context, Func<ITicketDesk, Task<T>> work)
    {
        await using var scope = context.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        if (scope.ServiceProvider.GetService<DeskCallKeys>() is { } keys)
        {
            // A run replayed after a crash repeats its changes under the same keys, and the desk applies each once.
            keys.Source = context.NextEffectKey;
        }

        return await work(scope.ServiceProvider.GetRequiredService<ITicketDesk>());
    }

    public static async Task<Ticket> TicketAsync(this ActivityExecutionContext context) =>
        await context.WithDeskAsync(desk => desk.FindAsync(context.TicketId()))
        ?? throw new TicketNotFoundException(context.TicketId());

    /// <summary>Waits for the next event of this ticket without burning the bookmark, so repeated events keep arriving.</summary>
    /// <param name="resumesOn">
    /// The events the activity can act on; the dispatcher resumes it with no other (and never loads the instance for
    /// them). Null: every event of the ticket resumes it.
    /// </param>
    public static void WatchTicket(this ActivityExecutionContext context, TicketEventFilter? resumesOn = null) =>
        context.CreateBookmark(new Workflows.Bookmarks.BookmarkOptions(
            TicketStimuli.TicketChanged, new TicketChangedPayload(context.TicketId().ToString()))
        {
            AutoBurn = false,
            Metadata = resumesOn?.ToMetadata(),
        });
}
