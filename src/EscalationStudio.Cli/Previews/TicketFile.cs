using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Cli.Commands;
using EscalationStudio.Cli.Histories;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Previews;

/// <summary>
/// A ticket for <c>escalation render</c>, as its history: either the API's ticket (<c>GET /api/tickets/{id}</c>, with
/// its <c>timeline</c> from <c>GET …/timeline</c> beside it when there is one), or lines of the server's export (one
/// ticket's, or the one <c>--id</c> names).
/// </summary>
internal static class TicketFile
{
    /// <exception cref="UsageException">The file cannot be read as either shape; the message names the field or line.</exception>
    public static IReadOnlyList<HistoryEvent> Read(string path, string? ticketId)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"ticket file {path} does not exist");
        }

        var text = File.ReadAllText(path);
        JsonNode? whole = null;
        try
        {
            whole = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not one JSON document: export lines, read below.
        }

        return whole is JsonObject ticket && ticket.ContainsKey("subject") ? FromApi(path, ticket) : FromExport(path, text, ticketId);
    }

    private static List<HistoryEvent> FromExport(string path, string text, string? ticketId)
    {
        var events = new List<HistoryEvent>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var entry = JsonLinesHistory.Parse(line, out var reason)
                ?? throw new UsageException($"{path} line {number}: {reason} (expected the API's ticket or lines of GET /api/tickets/export)");
            ticketId ??= entry.TicketKey;
            if (entry.TicketKey == ticketId)
            {
                events.Add(entry);
            }
        }

        if (events.Count == 0)
        {
            throw new UsageException(ticketId is null ? $"{path} is empty" : $"{path} has no events of ticket {ticketId}");
        }

        if (events.All(e => e.Type != TicketEventType.Created))
        {
            throw new UsageException($"{path}: ticket {ticketId} has no created event (export a window that includes its start)");
        }

        return events;
    }

    private static List<HistoryEvent> FromApi(string path, JsonObject ticket)
    {
        var id = Text(ticket, "id") ?? "ticket";
        if (ticket["timeline"] is JsonArray timeline)
        {
            return [.. timeline.Select((e, index) => TimelineEvent(path, id, index, e))];
        }

        var createdAt = Time(path, ticket, "createdAt") ?? DateTimeOffset.UtcNow;
        var requester = ticket["requester"] as JsonObject ?? [];
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TicketEventData.Subject] = Text(ticket, "subject") ?? "",
            [HistoryEvent.Description] = Text(ticket, "description") ?? "",
            [TicketEventData.Priority] = Text(ticket, "priority") ?? "normal",
            [TicketEventData.Channel] = Text(ticket, "channel") ?? "email",
            [TicketEventData.Tier] = Text(ticket, "tier") ?? "",
            [TicketEventData.Owner] = Text(ticket, "owner") ?? "",
            [TicketEventData.Tags] = ticket["tags"] is JsonArray tags ? string.Join(',', tags.Select(t => t?.ToString())) : "",
            [HistoryEvent.CustomerName] = Text(requester, "name") ?? "",
            [HistoryEvent.CustomerEmail] = Text(requester, "email") ?? "",
            [HistoryEvent.Organisation] = Text(requester, "organisation") ?? "",
            [HistoryEvent.LifetimeValue] = requester["lifetimeValue"]?.ToString() ?? "0",
            [TicketEventData.Vip] = requester["vip"]?.ToString() ?? "false",
        };
        var events = new List<HistoryEvent> { new(id, TicketEventType.Created, Actor.System, createdAt, data) };
        var messages = ticket["messages"] as JsonArray ?? [];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] as JsonObject ?? throw new UsageException($"{path}: messages[{i}] is not an object");
            var kind = Text(message, "kind") ?? "customer";
            var author = Text(message, "author");
            events.Add(new HistoryEvent(id, TicketEventType.MessageAdded,
                author is not null && kind != "customer" && Actor.TryParse(author, out var actor) ? actor : Actor.User("render"),
                Time(path, message, "at") ?? createdAt,
                new Dictionary<string, string> { [TicketEventData.MessageKind] = kind, [TicketEventData.Body] = Text(message, "body") ?? "" }));
        }

        if (Text(ticket, "status") is { } status and not "new")
        {
            events.Add(new HistoryEvent(id, TicketEventType.StatusChanged, Actor.User("render"), events[^1].At,
                new Dictionary<string, string> { [TicketEventData.To] = status }));
        }

        return events;
    }

    private static HistoryEvent TimelineEvent(string path, string id, int index, JsonNode? node)
    {
        var line = node is JsonObject e ? new JsonObject
        {
            ["ticketId"] = id,
            ["type"] = e["type"]?.DeepClone(),
            ["actor"] = e["actor"]?.DeepClone(),
            ["occurredAt"] = e["occurredAt"]?.DeepClone(),
            ["data"] = e["data"]?.DeepClone(),
        }.ToJsonString() : "null";
        return JsonLinesHistory.Parse(line, out var reason) ?? throw new UsageException($"{path}: timeline[{index}]: {reason}");
    }

    private static string? Text(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => other.ToJsonString(),
    };

    private static DateTimeOffset? Time(string path, JsonObject json, string field) =>
        Text(json, field) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new UsageException($"{path}: {field} '{text}' is not a time");
}
