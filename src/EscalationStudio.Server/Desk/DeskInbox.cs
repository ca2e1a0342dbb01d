using System.Globalization;
using System.Text.Json;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Policies.Activities.Sla;
using EscalationStudio.Server.Delivery;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.State;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Desk;

/// <summary>The inbox's filters; null means any. <see cref="Status"/> null means the active ones (neither solved nor closed).</summary>
internal sealed record InboxFilter(string? Tier = null, TicketStatus? Status = null, TicketPriority? Priority = null);

/// <summary>One case in the inbox: why it is here, the briefing's first lines, the SLA state and whether anything is new.</summary>
internal sealed record InboxRow(
    Guid TicketId,
    string Subject,
    string Requester,
    bool Vip,
    TicketPriority Priority,
    TicketStatus Status,
    string TierId,
    string Tier,
    string? Owner,
    string Why,
    string? Briefing,
    SlaState Sla,
    bool Unread,
    DateTimeOffset LastActivity);

/// <summary>
/// A waiting SLA timer: its next point, the breach it counts down to and the statuses it stands still in (timers armed
/// before those were recorded have none).
/// </summary>
internal sealed record SlaTimerDue(DateTimeOffset Due, DateTimeOffset? BreachAt = null, string? Metric = null, IReadOnlyList<string>? PausedWhile = null)
{
    public static SlaTimerDue From(DateTimeOffset due, string bookmarkData)
    {
        try
        {
            var metadata = JsonSerializer.Deserialize<Bookmark>(bookmarkData, WorkflowStateJson.Options)?.Metadata;
            var breachAt = metadata?.GetValueOrDefault(SlaTimerBookmark.BreachAt) is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : (DateTimeOffset?)null;
            var pausedWhile = metadata?.GetValueOrDefault(SlaTimerBookmark.PausedWhile)?.Split(',', StringSplitOptions.RemoveEmptyEntries);
            return new SlaTimerDue(due, breachAt, metadata?.GetValueOrDefault(SlaTimerBookmark.Metric), pausedWhile);
        }
        catch (JsonException)
        {
            return new SlaTimerDue(due);
        }
    }

    public bool IsPausedIn(TicketStatus status) => PausedWhile?.Contains(status.ToText(), StringComparer.Ordinal) == true;
}

/// <summary>The SLA as the ticket's events and its policies' waiting timers tell it.</summary>
internal sealed record SlaState(string Text, SlaLevel Level)
{
    public static readonly SlaState None = new("no SLA running", SlaLevel.None);
}

internal enum SlaLevel
{
    None,
    Running,
    Warning,
    Breached,
}

/// <summary>
/// The desk's inbox: the cases an agent owns (escalated, handed back or assigned to them) and their tier's unowned
/// queue, newest activity first. Read from the same tables as the ticket API, in a scope of its own per call (a live
/// page lives longer than a request).
/// </summary>
internal sealed class DeskInbox(IServiceScopeFactory scopes, TimeProvider time, IOrgDirectorySource org)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<InboxRow>> ListAsync(DeskCaller caller, InboxFilter filter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var tickets = db.Tickets.AsNoTracking();
        if (caller.Agent is { } agent)
        {
            var queueTier = filter.Tier ?? agent.TierId;
            tickets = tickets.Where(t => t.OwnerAgentId == agent.Id || (t.OwnerAgentId == null && t.TierId == queueTier));
        }

        if (filter.Tier is { } tier)
        {
            tickets = tickets.Where(t => t.TierId == tier);
        }

        tickets = filter.Status is { } status
            ? tickets.Where(t => t.Status == status)
            : tickets.Where(t => t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed);
        if (filter.Priority is { } priority)
        {
            tickets = tickets.Where(t => t.Priority == priority);
        }

        var page = await tickets.Include(t => t.Requester)
            .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        if (page.Count == 0)
        {
            return [];
        }

        var ids = page.Select(t => t.Id).ToList();
        var events = (await db.TicketEvents.AsNoTracking().Where(e => ids.Contains(e.TicketId)).ToListAsync(cancellationToken))
            .ToLookup(e => e.TicketId);
        var notes = (await db.Set<TicketMessage>().AsNoTracking()
                .Where(m => ids.Contains(m.TicketId) && m.Kind == MessageKind.InternalNote)
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.TicketId);
        var readThrough = await scope.ServiceProvider.GetRequiredService<ITicketReadMarks>().ReadThroughAsync(caller.Actor, ids, cancellationToken);
        var timers = await SlaTimersAsync(db, ids, cancellationToken);

        var now = time.GetUtcNow();
        var directory = org.Current;
        return [.. page.Select(t =>
        {
            var history = events[t.Id].OrderBy(e => e.Sequence).ToList();
            return new InboxRow(
                t.Id,
                t.Subject,
                t.Requester.Name,
                t.Requester.IsVip,
                t.Priority,
                t.Status,
                t.TierId,
                directory.TierName(t.TierId),
                t.OwnerAgentId,
                Why(t, history, caller, directory),
                LatestBriefing(notes[t.Id]) is { } briefing ? BriefingMarkdown.FirstLines(briefing.Body) : null,
                SlaOf(history, t.Status, timers[t.Id.ToString()], now),
                IsUnread(history, caller.Actor, readThrough.GetValueOrDefault(t.Id)),
                t.UpdatedAt);
        })];
    }

    /// <summary>One ticket's SLA state, as its inbox row shows it: the ticket page says the same.</summary>
    public async Task<SlaState> SlaAsync(Ticket ticket, IReadOnlyList<TicketEvent> timeline, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var timers = await SlaTimersAsync(scope.ServiceProvider.GetRequiredService<EscalationDbContext>(), [ticket.Id], cancellationToken);
        return SlaOf(timeline, ticket.Status, timers[ticket.Id.ToString()], time.GetUtcNow());
    }

    /// <summary>
    /// The SLA timers the tickets' policies wait on, by ticket id (the bookmarks' correlation id): the next point (warning
    /// or breach) each is due at, and the breach it counts down to when the timer recorded it.
    /// </summary>
    /// <remarks>
    /// Only each timer's latest arm counts: a timer that re-arms (its clock paused, or a warning passed) leaves its
    /// earlier bookmark to fire and find nothing to do, and that one still holds the breach as it stood before.
    /// </remarks>
    private static async Task<ILookup<string, SlaTimerDue>> SlaTimersAsync(EscalationDbContext db, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var correlationIds = ids.Select(id => id.ToString()).ToList();
        return (await db.Set<WorkflowBookmarkRecord>().AsNoTracking()
                .Where(b => b.Name == SlaTimerBookmark.Name && b.CorrelationId != null && correlationIds.Contains(b.CorrelationId) && b.DueAt != null)
                .Select(b => new { b.CorrelationId, b.WorkflowInstanceId, b.ActivityInstanceId, b.CreatedAt, b.DueAt, b.Data })
                .ToListAsync(cancellationToken))
            .GroupBy(b => (b.WorkflowInstanceId, b.ActivityInstanceId))
            .Select(timer => timer.OrderBy(b => b.CreatedAt).ThenBy(b => b.DueAt).Last())
            .ToLookup(b => b.CorrelationId!, b => SlaTimerDue.From(b.DueAt!.Value, b.Data));
    }

    /// <summary>The briefing is the newest internal note a policy wrote.</summary>
    public static TicketMessage? LatestBriefing(IEnumerable<TicketMessage> notes) =>
        notes.Where(m => m.Kind == MessageKind.InternalNote && m.Author.Kind == ActorKind.Policy).MaxBy(m => m.Sequence);

    private static string Why(Ticket ticket, List<TicketEvent> history, DeskCaller caller, OrgDirectory directory)
    {
        if (ticket.OwnerAgentId is null)
        {
            return $"{directory.TierName(ticket.TierId)} queue";
        }

        var mine = caller.Agent is { } agent && string.Equals(ticket.OwnerAgentId, agent.Id, StringComparison.OrdinalIgnoreCase);
        var move = history.LastOrDefault(e => e.Type is TicketEventType.Escalated or TicketEventType.DeEscalated or TicketEventType.Reassigned);
        var verb = move?.Type switch
        {
            TicketEventType.Escalated => "escalated",
            TicketEventType.DeEscalated => "handed back",
            _ => "assigned",
        };
        return mine ? $"{verb} to you" : $"{verb} to {directory.AgentName(ticket.OwnerAgentId)}";
    }

    /// <summary>
    /// New to the caller: an event by someone else after what the caller has seen, which is the later of their read
    /// mark (the ticket page records it each time it shows the ticket) and their own last entry. A delivery attempt's
    /// receipt is no news: it says where the case's own briefing went.
    /// </summary>
    internal static bool IsUnread(IReadOnlyList<TicketEvent> history, Actor caller, int readThrough)
    {
        var seen = Math.Max(readThrough, history.Where(e => e.Actor == caller).Select(e => e.Sequence).DefaultIfEmpty().Max());
        return history.Any(e => e.Sequence > seen && e.Actor != caller && !IsDeliveryReceipt(e));
    }

    private static bool IsDeliveryReceipt(TicketEvent e) =>
        e.Type == TicketEventType.TimelineEntry && e[TicketEventData.Kind] is DeliverySender.SucceededKind or DeliverySender.FailedKind;

    internal static SlaState SlaOf(IReadOnlyList<TicketEvent> history, TicketStatus status, IEnumerable<SlaTimerDue> timers, DateTimeOffset now)
    {
        // The latest SLA entry per metric tells where each target stands; a met target says nothing more.
        var latest = history
            .Where(e => e.Type == TicketEventType.TimelineEntry && e[TicketEventData.Kind] is "sla-warning" or "sla-breached" or "sla-met")
            .GroupBy(e => e[TicketEventData.SlaMetric] ?? "")
            .Select(g => g.MaxBy(e => e.Sequence)!)
            .ToList();
        if (latest.FirstOrDefault(e => e[TicketEventData.Kind] == "sla-breached") is { } breached)
        {
            return new SlaState($"breached: {breached[TicketEventData.Text]}", SlaLevel.Breached);
        }

        // What an agent plans by is the breach ahead, not the policy's next warning: the nearest one a timer counts down to.
        var running = timers.Where(t => t.Due > now).ToList();
        var breach = running.Where(t => t.BreachAt > now).MinBy(t => t.BreachAt);
        var warning = latest.FirstOrDefault(e => e[TicketEventData.Kind] == "sla-warning");
        var level = warning is null ? SlaLevel.Running : SlaLevel.Warning;
        if (breach is { BreachAt: { } breachAt })
        {
            return breach.IsPausedIn(status)
                ? new SlaState($"{breach.Metric ?? "SLA"} paused while {status.ToText()}", level)
                : new SlaState($"{breach.Metric ?? "SLA"} breach in {Remaining(breachAt - now)}", level);
        }

        if (warning is not null)
        {
            return new SlaState(warning[TicketEventData.Text] ?? "warning", SlaLevel.Warning);
        }

        return running.Count == 0 ? SlaState.None : new SlaState($"next SLA point in {Remaining(running.Min(t => t.Due) - now)}", SlaLevel.Running);
    }

    internal static string Remaining(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "under a minute",
        { TotalHours: < 1 } => $"{span.Minutes}m",
        { TotalDays: < 1 } => $"{(int)span.TotalHours}h {span.Minutes:00}m",
        _ => $"{(int)span.TotalDays}d {span.Hours}h",
    };
}
