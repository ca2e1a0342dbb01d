using System.Runtime.CompilerServices;
using System.Text.Json;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Histories;

/// <summary>
/// The server's own event export (<c>GET /api/tickets/export</c>): one ticket event per line, oldest first, as
/// <c>{"ticketId","sequence","type","actor","occurredAt","data"}</c>. Histories exported from elsewhere may add
/// <c>description</c> and customer fields to the data of a created event.
/// </summary>
internal sealed class JsonLinesHistory(string path) : HistoryFile(path)
{
    protected override async IAsyncEnumerable<HistoryEvent> ReadAsync(UnusableRows unusable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = OpenText();
        var number = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (Parse(line, out var reason) is { } entry)
            {
                yield return entry;
            }
            else
            {
                unusable.Count(reason!, number);
            }
        }
    }

    internal static HistoryEvent? Parse(string line, out string? reason)
    {
        ExportedEvent? exported;
        try
        {
            exported = JsonSerializer.Deserialize(line, HistoryJson.Default.ExportedEvent);
        }
        catch (JsonException)
        {
            reason = "not a JSON object";
            return null;
        }

        reason = exported switch
        {
            null => "not a JSON object",
            { TicketId: null or "" } => "ticketId is missing",
            { Type: null } => "type is missing",
            _ when !TicketText.TryParse<TicketEventType>(exported.Type, out _) => $"type '{exported.Type}' is not a ticket event",
            { OccurredAt: null } => "occurredAt is missing or not a time",
            { Actor: null } => "actor is missing",
            _ => null,
        };
        if (reason is not null)
        {
            return null;
        }

        Actor actor;
        try
        {
            actor = Actor.Parse(exported!.Actor!);
        }
        catch (FormatException)
        {
            reason = "actor is not kind:id";
            return null;
        }

        TicketText.TryParse<TicketEventType>(exported.Type, out var type);
        return new HistoryEvent(exported.TicketId!, type, actor, exported.OccurredAt!.Value, exported.Data ?? new Dictionary<string, string>());
    }
}

/// <summary>One line of the server's export.</summary>
internal sealed record ExportedEvent(string? TicketId, int Sequence, string? Type, string? Actor, DateTimeOffset? OccurredAt, Dictionary<string, string>? Data);
