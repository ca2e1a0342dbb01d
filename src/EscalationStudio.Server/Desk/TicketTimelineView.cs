using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Server.Delivery;
using Microsoft.AspNetCore.Components;

namespace EscalationStudio.Server.Desk;

/// <summary>One entry of the ticket page's single view of conversation and timeline.</summary>
/// <param name="Kind">What sort of entry, also its CSS class: customer, reply, note, briefing, move, approval, notification, delivery, delivery-failed, entry.</param>
/// <param name="Body">A message's text, rendered from Markdown.</param>
/// <param name="Deliveries">A notification's deliveries (e-mail, chat) and how far each got.</param>
internal sealed record TimelineItem(
    int Sequence,
    DateTimeOffset At,
    string Kind,
    string Title,
    string Actor,
    IReadOnlyList<string> Details,
    MarkupString? Body,
    IReadOnlyList<TicketDelivery>? Deliveries = null);

/// <summary>
/// The ticket's events in words, oldest first: messages with their text, moves with their reason and the policy,
/// version and step that decided them, approvals, and the entries policies and deliveries write (briefing sent,
/// customer notification, SLA points), whatever their kind.
/// </summary>
internal static class TicketTimelineView
{
    /// <param name="deliveries">Each notification's deliveries, shown on the event that asked for them.</param>
    /// <param name="names">Policies and their steps by name; without it the ids recorded on the events are shown.</param>
    /// <param name="org">Tiers and agents by name, as the briefings call them; without it their ids are shown.</param>
    public static IReadOnlyList<TimelineItem> Of(
        Ticket ticket, IReadOnlyList<TicketEvent> timeline, IReadOnlyList<TicketDelivery>? deliveries = null, PolicyNames? names = null, OrgDirectory? org = null)
    {
        var messages = ticket.Messages.ToDictionary(m => m.Id.ToString());
        var sent = (deliveries ?? []).ToLookup(d => d.EventSequence);
        var people = org ?? OrgDirectory.Empty;
        return [.. timeline.OrderBy(e => e.Sequence).Select(e => Item(e, messages, names, people) is var item && sent.Contains(e.Sequence)
            ? item with { Deliveries = [.. sent[e.Sequence]] }
            : item)];
    }

    private static TimelineItem Item(TicketEvent e, Dictionary<string, TicketMessage> messages, PolicyNames? names, OrgDirectory org)
    {
        var actor = ActorName(e.Actor, names);
        string Tier(string key) => e[key] is { Length: > 0 } id ? org.TierName(id) : "?";
        string Owner(string key) => e[key] is { Length: > 0 } id ? org.AgentName(id) : "queue";
        TimelineItem Entry(string kind, string title, params string?[] details) =>
            new(e.Sequence, e.OccurredAt, kind, title, actor, [.. details.Where(d => !string.IsNullOrEmpty(d))!], null);

        switch (e.Type)
        {
            case TicketEventType.Created:
                return Entry("entry", $"Opened: {e[TicketEventData.Subject]}", $"priority {e[TicketEventData.Priority]}, {e[TicketEventData.Channel]}, in {Tier(TicketEventData.Tier)}");
            case TicketEventType.MessageAdded when e[TicketEventData.MessageId] is { } id && messages.TryGetValue(id, out var message):
                var (kind, title) = message.Kind switch
                {
                    MessageKind.Customer => ("customer", "Customer wrote"),
                    MessageKind.Agent => ("reply", $"Reply by {message.Author}"),
                    _ when message.Author.Kind == ActorKind.Policy => ("briefing", $"Briefing from {ActorName(message.Author, names)}"),
                    _ => ("note", $"Internal note by {message.Author}"),
                };
                return new(e.Sequence, e.OccurredAt, kind, title, actor, [], BriefingMarkdown.ToHtml(message.Body));
            case TicketEventType.StatusChanged:
                return Entry("entry", $"Status {e[TicketEventData.From]} → {e[TicketEventData.To]}", e[TicketEventData.Note]);
            case TicketEventType.Reassigned:
                return Entry("move", $"Reassigned in {Tier(TicketEventData.Tier)}: {Owner(TicketEventData.FromOwner)} → {Owner(TicketEventData.ToOwner)}", e[TicketEventData.Note]);
            case TicketEventType.EscalationRequested:
                return Entry("move", "Escalation requested", $"reason: {e[TicketEventData.Reason]}");
            case TicketEventType.Escalated:
                return Entry("move", $"Escalated {Tier(TicketEventData.From)} → {Tier(TicketEventData.To)} ({Owner(TicketEventData.ToOwner)})",
                    $"reason: {e[TicketEventData.Reason]}", DecidedBy(e, names));
            case TicketEventType.DeEscalated:
                return Entry("move", $"Handed back {Tier(TicketEventData.From)} → {Tier(TicketEventData.To)} ({Owner(TicketEventData.ToOwner)})",
                    $"hand-back note: {e[TicketEventData.Note] ?? e[TicketEventData.Reason]}", DecidedBy(e, names));
            case TicketEventType.PriorityChanged:
                return Entry("entry", $"Priority {e[TicketEventData.From]} → {e[TicketEventData.To]}", e[TicketEventData.Reason]);
            case TicketEventType.ApprovalGranted:
                return Entry("approval", $"Approved {e[TicketEventData.ApprovalKind]}{Amount(e)}", e[TicketEventData.Note]);
            case TicketEventType.SignOffRequired:
                return Entry("approval", "Sign-off required", e[TicketEventData.Reason]);
            case TicketEventType.SignedOff:
                return Entry("approval", "Signed off", e[TicketEventData.Note]);
            case TicketEventType.TimelineEntry when e[TicketEventData.Kind] == Ticket.ApprovalRejectedKind:
                return Entry("approval", $"Rejected {e[TicketEventData.ApprovalKind]}{Amount(e)}", $"reason: {e[TicketEventData.Reason]}");
            case TicketEventType.TimelineEntry when e[TicketEventData.Kind] is DeliverySender.SucceededKind or DeliverySender.FailedKind:
                // The sender's text says what, where, which attempt and why it failed; the key names the delivery for good.
                return Entry(e[TicketEventData.Kind] == DeliverySender.SucceededKind ? "delivery" : "delivery-failed",
                    e[TicketEventData.Text] ?? e[TicketEventData.Kind]!, $"delivery {e["deliveryKey"]}");
            case TicketEventType.TimelineEntry when e[TicketEventData.Kind] is DeliveryPlan.CustomerNotificationKind or DeliveryPlan.ManagerAlertKind:
                // The note or alert as its reader gets it, in paragraphs: as a title it was one long bold line.
                return Entry("notification", Notification(e[TicketEventData.Kind]), NotificationDetails(e)) with { Body = BriefingMarkdown.ToHtml(e[TicketEventData.Text] ?? "") };
            case TicketEventType.TimelineEntry when e[TicketEventData.Kind] is DeliveryPlan.BriefingSentKind:
                return Entry("notification", $"{Notification(e[TicketEventData.Kind])}: {e[TicketEventData.Text]}", NotificationDetails(e));
            case TicketEventType.TimelineEntry:
                // Briefings sent, customer notes, SLA points, delivery attempts: each says what it is in its kind and text.
                return Entry(e[TicketEventData.Kind]?.StartsWith("sla-", StringComparison.Ordinal) == true ? "entry" : "notification",
                    $"{e[TicketEventData.Kind]}: {e[TicketEventData.Text]}",
                    [.. e.Data.Where(d => d.Key is not (TicketEventData.Kind or TicketEventData.Text)).Select(d => Detail(e, d, names))]);
            default:
                return Entry("entry", e.Type.ToString(), [.. e.Data.Select(d => Detail(e, d, names))]);
        }
    }

    private static string[] NotificationDetails(TicketEvent e) =>
        [.. e.Data.Where(d => d.Key is not (TicketEventData.Kind or TicketEventData.Text or TicketEventData.MessageId)).Select(d => $"{d.Key}: {d.Value}")];

    private static string Notification(string? kind) => kind switch
    {
        DeliveryPlan.BriefingSentKind => "Briefing sent",
        DeliveryPlan.CustomerNotificationKind => "Customer notified",
        _ => "Manager alert",
    };

    private static string? DecidedBy(TicketEvent e, PolicyNames? names)
    {
        if (e[TicketEventData.Policy] is not { Length: > 0 } policy)
        {
            return "decided by hand";
        }

        var version = int.TryParse(e[TicketEventData.PolicyVersion], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var step = e[TicketEventData.Activity] is { Length: > 0 } activity ? names?.Step(policy, version, activity) ?? activity : null;
        return $"decided by policy \"{names?.Policy(policy) ?? policy}\" v{e[TicketEventData.PolicyVersion]}{(step is null ? "" : $", step \"{step}\"")}";
    }

    /// <summary>A data line of an entry; the policy that wrote it by name.</summary>
    private static string Detail(TicketEvent e, KeyValuePair<string, string> data, PolicyNames? names) => data.Key switch
    {
        TicketEventData.Policy when names is not null => $"policy: {names.Policy(data.Value)}",
        TicketEventData.Activity when names is not null && e[TicketEventData.Policy] is { Length: > 0 } policy => $"step: {names.Step(policy, null, data.Value)}",
        _ => $"{data.Key}: {data.Value}",
    };

    private static string ActorName(Actor actor, PolicyNames? names) =>
        actor.Kind == ActorKind.Policy && names is not null ? $"policy \"{names.Policy(actor.Id)}\"" : actor.ToString();

    private static string Amount(TicketEvent e) => e[TicketEventData.Amount] is { Length: > 0 } amount ? string.Create(CultureInfo.InvariantCulture, $" of {amount}") : "";
}
