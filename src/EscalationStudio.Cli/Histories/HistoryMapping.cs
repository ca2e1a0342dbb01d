using System.Globalization;
using System.Text.Json;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Histories;

/// <summary>
/// How another helpdesk's event log reads as ticket events (a JSON file given with <c>--mapping</c>): which column
/// holds what, which of its event names means which ticket event, and which of its groups is which tier of the org
/// directory. Values of <see cref="Statuses"/>, <see cref="Priorities"/> and <see cref="Kinds"/> use the server's words
/// (<c>solved</c>, <c>urgent</c>, <c>message-added</c>).
/// </summary>
internal sealed record HistoryMapping
{
    /// <summary>XES attributes by the standard's extension keys (concept, time, org, lifecycle).</summary>
    public static readonly HistoryMapping Xes = new()
    {
        Columns = new()
        {
            Ticket = "concept:name",
            Timestamp = "time:timestamp",
            Kind = "concept:name",
            Group = "org:group",
            Agent = "org:resource",
            Status = "lifecycle:transition",
            Priority = "priority",
            Text = "text",
        },
    };

    public MappedColumns Columns { get; init; } = new();

    /// <summary>A .NET date format for the timestamp column; empty: ISO 8601 and the usual forms.</summary>
    public string? TimestampFormat { get; init; }

    /// <summary>The time zone of timestamps without an offset (IANA or Windows id); UTC when empty.</summary>
    public string? TimeZone { get; init; }

    public Dictionary<string, string> Kinds { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Groups { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Statuses { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Priorities { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="Commands.UsageException">The file is missing or not a mapping; the message names the field.</exception>
    public static HistoryMapping Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new Commands.UsageException($"mapping {path} does not exist");
        }

        HistoryMapping? mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<HistoryMapping>(File.ReadAllText(path),
                new JsonSerializerOptions(JsonSerializerDefaults.Web)
                {
                    AllowTrailingCommas = true,
                    ReadCommentHandling = JsonCommentHandling.Skip,
                });
        }
        catch (JsonException e)
        {
            throw new Commands.UsageException($"mapping {path}: {e.Message}");
        }

        if (mapping?.Columns is not { Ticket.Length: > 0, Timestamp.Length: > 0, Kind.Length: > 0 })
        {
            throw new Commands.UsageException($"mapping {path}: columns.ticket, columns.timestamp and columns.kind are required");
        }

        foreach (var (name, kind) in mapping.Kinds)
        {
            if (!TicketText.TryParse<TicketEventType>(kind, out _))
            {
                throw new Commands.UsageException($"mapping {path}: kinds.{name}: '{kind}' is not a ticket event ({TicketText.Allowed<TicketEventType>()})");
            }
        }

        return mapping with
        {
            Kinds = new(mapping.Kinds, StringComparer.OrdinalIgnoreCase),
            Groups = new(mapping.Groups, StringComparer.OrdinalIgnoreCase),
            Statuses = new(mapping.Statuses, StringComparer.OrdinalIgnoreCase),
            Priorities = new(mapping.Priorities, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>One row of the log as a ticket event, or why it cannot be used.</summary>
    /// <param name="ticket">The row's ticket id (a CSV column; an XES trace's case id).</param>
    /// <param name="column">The row's value in a column (CSV header, XES attribute key); null when it has none.</param>
    public (HistoryEvent? Event, string? Unusable) ToEvent(string? ticket, Func<string?, string?> column)
    {
        if (string.IsNullOrWhiteSpace(ticket))
        {
            return (null, "ticket id is empty");
        }

        if (!TryTime(column(Columns.Timestamp), out var at))
        {
            return (null, "timestamp is missing or not a time");
        }

        var kindText = column(Columns.Kind)?.Trim() ?? string.Empty;
        var kindName = Kinds.GetValueOrDefault(kindText) ?? kindText;
        if (!TicketText.TryParse<TicketEventType>(kindName, out var kind))
        {
            return (null, $"event kind '{kindText}' is not mapped (kinds)");
        }

        var agent = Blank(column(Columns.Agent));
        var group = Blank(column(Columns.Group));
        string? tier = null;
        if (group is not null && !Groups.TryGetValue(group, out tier))
        {
            return (null, $"group '{group}' is not mapped to a tier (groups)");
        }

        var text = column(Columns.Text) ?? string.Empty;
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var actor = agent is null ? Actor.User("import") : Actor.Agent(agent);
        switch (kind)
        {
            case TicketEventType.Created:
                data[TicketEventData.Subject] = text.Length > 0 ? text : "(no subject)";
                data[HistoryEvent.Description] = text;
                data[TicketEventData.Tier] = tier ?? string.Empty;
                if (Mapped(Priorities, column(Columns.Priority)) is { } priority)
                {
                    data[TicketEventData.Priority] = priority;
                }

                actor = Actor.User("import");
                break;
            case TicketEventType.MessageAdded:
                data[TicketEventData.Body] = text;
                data[TicketEventData.MessageKind] = agent is null ? "customer" : "agent";
                actor = agent is null ? Actor.Customer(Guid.Empty) : actor;
                break;
            case TicketEventType.StatusChanged:
                if (Mapped(Statuses, column(Columns.Status)) is not { } status)
                {
                    return (null, $"status '{column(Columns.Status)}' is not a status (statuses)");
                }

                data[TicketEventData.To] = status;
                break;
            case TicketEventType.PriorityChanged:
                if (Mapped(Priorities, column(Columns.Priority)) is not { } changed)
                {
                    return (null, $"priority '{column(Columns.Priority)}' is not a priority (priorities)");
                }

                data[TicketEventData.To] = changed;
                break;
            case TicketEventType.Escalated or TicketEventType.DeEscalated:
                if (tier is null)
                {
                    return (null, $"{kind.ToText()} without a group");
                }

                data[TicketEventData.To] = tier;
                data[TicketEventData.Reason] = text;
                data[TicketEventData.Note] = text;
                break;
            case TicketEventType.Reassigned:
                if (agent is null)
                {
                    return (null, "reassigned without an agent");
                }

                data[TicketEventData.ToOwner] = agent;
                actor = Actor.User("import");
                break;
            case TicketEventType.CsatRecorded:
                if (!int.TryParse(text, CultureInfo.InvariantCulture, out var score))
                {
                    return (null, "csat-recorded without a score in the text column");
                }

                data[TicketEventData.Score] = score.ToString(CultureInfo.InvariantCulture);
                actor = Actor.Customer(Guid.Empty);
                break;
            default:
                data[TicketEventData.Reason] = text;
                data[TicketEventData.Text] = text;
                break;
        }

        return (new HistoryEvent(ticket.Trim(), kind, actor, at, data), null);
    }

    private bool TryTime(string? text, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parsed = TimestampFormat is { Length: > 0 } format
            ? DateTime.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var exact) ? exact : (DateTime?)null
            : DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset) ? offset.UtcDateTime : null;
        if (parsed is not { } time)
        {
            return false;
        }

        if (TimestampFormat is { Length: > 0 } && time.Kind != DateTimeKind.Utc)
        {
            var zone = TimeZone is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
            at = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), zone.GetUtcOffset(time)).ToUniversalTime();
        }
        else
        {
            at = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        }

        return true;
    }

    private static string? Mapped(Dictionary<string, string> names, string? value) =>
        Blank(value) is { } text ? names.GetValueOrDefault(text) ?? text : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The column (CSV header, XES attribute key) of each field; null: the log has none.</summary>
internal sealed record MappedColumns
{
    public string Ticket { get; init; } = string.Empty;

    public string Timestamp { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string? Group { get; init; }

    public string? Agent { get; init; }

    public string? Status { get; init; }

    public string? Priority { get; init; }

    public string? Text { get; init; }
}
