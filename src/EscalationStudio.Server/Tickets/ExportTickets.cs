using System.Globalization;
using System.Text.Json;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// <c>GET /api/tickets/export?from=&amp;to=</c>: every ticket event in [from, to), oldest first, one JSON object per line
/// (<c>ticketId, sequence, type, actor, occurredAt, data</c>), streamed as it is read, so a quarter of tickets never
/// sits in memory. It is the history format <c>escalation simulate</c> reads.
/// </summary>
internal static class ExportTickets
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>How far back an export reaches when <c>from</c> is not given.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(30);

    public static Results<PushStreamHttpResult, InvalidFieldProblem> Handle(string? from, string? to, ITicketDesk desk, TimeProvider clock)
    {
        if (!TryTime(to, out var end))
        {
            return new InvalidFieldProblem("to", $"'{to}' is not a time; use ISO 8601, e.g. 2026-10-01T00:00:00Z");
        }

        if (!TryTime(from, out var start))
        {
            return new InvalidFieldProblem("from", $"'{from}' is not a time; use ISO 8601, e.g. 2026-07-01T00:00:00Z");
        }

        var until = end ?? clock.GetUtcNow();
        var since = start ?? until - DefaultSpan;
        if (since >= until)
        {
            return new InvalidFieldProblem("from", "from must be before to");
        }

        return TypedResults.Stream(async body =>
        {
            await using var json = new Utf8JsonWriter(body);
            var newLine = "\n"u8.ToArray();
            var written = 0;
            await foreach (var e in desk.ReadEventsAsync(since, until))
            {
                json.WriteStartObject();
                json.WriteString("ticketId", e.TicketId);
                json.WriteNumber("sequence", e.Sequence);
                json.WriteString("type", e.Type.ToText());
                json.WriteString("actor", e.Actor.ToString());
                json.WriteString("occurredAt", e.OccurredAt);
                json.WriteStartObject("data");
                foreach (var (key, value) in e.Data)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
                await json.FlushAsync();
                json.Reset();
                await body.WriteAsync(newLine);
                if (++written % 1_000 == 0)
                {
                    await body.FlushAsync();
                }
            }
        }, ContentType);
    }

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
