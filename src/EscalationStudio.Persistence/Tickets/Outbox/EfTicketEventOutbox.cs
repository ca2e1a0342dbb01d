using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tickets.Outbox;

/// <summary>The outbox rows the ticket writer keeps beside the events (<see cref="TicketEventOutboxEntry"/>).</summary>
internal sealed class EfTicketEventOutbox(IServiceScopeFactory scopes, TimeProvider time, TicketWriter writer) : ITicketEventOutbox
{
    public async Task<IReadOnlyList<Guid>> ListPendingAsync(DateTimeOffset recordedBy, int take, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        return await db.Set<TicketEventOutboxEntry>().AsNoTracking()
            .Where(e => e.RecordedAt <= recordedBy)
            .OrderBy(e => e.RecordedAt)
            .Select(e => e.TicketId)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Three statements for the whole batch plus one short version read a ticket (the desk's), where reading each ticket
    /// on its own took a scope and three statements: under a backlog the catch-up reads every commit this way.
    /// </summary>
    public async Task<IReadOnlyList<PendingTicketEvents>> ReadPendingAsync(IReadOnlyList<Guid> ticketIds, CancellationToken cancellationToken = default)
    {
        if (ticketIds.Count == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var ids = ticketIds.Distinct().ToList();
        var fromSequence = await db.Set<TicketEventOutboxEntry>().AsNoTracking()
            .Where(e => ids.Contains(e.TicketId))
            .ToDictionaryAsync(e => e.TicketId, e => e.FromSequence, cancellationToken);
        if (fromSequence.Count == 0)
        {
            return [];
        }

        var pendingIds = fromSequence.Keys.ToList();
        var oldest = fromSequence.Values.Min();
        var events = (await db.TicketEvents.AsNoTracking()
                .Where(e => pendingIds.Contains(e.TicketId) && e.Sequence >= oldest)
                .ToListAsync(cancellationToken))
            .Where(e => e.Sequence >= fromSequence[e.TicketId])
            .GroupBy(e => e.TicketId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());

        var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
        var pending = new List<PendingTicketEvents>(fromSequence.Count);
        foreach (var id in ids)
        {
            if (fromSequence.ContainsKey(id) && await desk.FindAsync(id, cancellationToken) is { } ticket)
            {
                pending.Add(new PendingTicketEvents(ticket, events.GetValueOrDefault(id) ?? []));
            }
        }

        return pending;
    }

    /// <remarks>
    /// On SQLite, while the node's ticket writer is committing, the marks go into its next commit
    /// (<see cref="TicketWriter.MarkHandledAlongAsync"/>) instead of a transaction of their own: SQLite has one write
    /// lock, and the writer's <c>BEGIN</c> waited behind the marks' transactions in SQLite's busy handler (1 ms and
    /// more a wait) about one commit in eight, 10–20 % of its time under the HTTP load's closed loop.
    /// </remarks>
    public async Task MarkHandledAsync(IReadOnlyCollection<HandledTicketEvents> handled, CancellationToken cancellationToken = default)
    {
        if (handled.Count == 0)
        {
            return;
        }

        if (writer.MarkHandledAlongAsync(handled, time.GetUtcNow()) is { } alongside)
        {
            await alongside.WaitAsync(cancellationToken);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // A writer changes a ticket's outbox row only under the ticket's row lock, all taken first and in id order.
            // Taking the same locks the same way first keeps this from holding one ticket's outbox row while a writer
            // holds another's, each waiting for the other: PostgreSQL then failed one side as a deadlock, and when it was
            // this one, its handled events waited for the next sweep, a minute or more later.
            var ids = handled.Select(h => h.TicketId).Distinct().ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tickets WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", cancellationToken);
        }

        await WriteHandledAsync(db, handled, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The statements that mark <paramref name="handled"/>, in the transaction the context has open.</summary>
    internal static async Task WriteHandledAsync(EscalationDbContext db, IReadOnlyCollection<HandledTicketEvents> handled, DateTimeOffset handledAt, CancellationToken cancellationToken)
    {
        // The values as the model stores them: on SQLite the time is a number (a value converter), and a DateTimeOffset
        // written as text would sort after every number, so the row would never be listed as pending again.
        var entry = db.Model.FindEntityType(typeof(TicketEventOutboxEntry))!;
        var now = ToProvider(entry, nameof(TicketEventOutboxEntry.RecordedAt), handledAt);
        var ticketIdConverter = entry.FindProperty(nameof(TicketEventOutboxEntry.TicketId))!.GetTypeMapping().Converter;

        // One row a ticket: handling through the highest sequence leaves what handling each in turn would.
        var byTicket = handled.GroupBy(h => h.TicketId)
            .Select(g => new HandledTicketEvents(g.Key, g.Min(h => h.FromSequence), g.Max(h => h.ThroughSequence))).ToList();
        foreach (var chunk in byTicket.Chunk(MaxTicketsPerStatement))
        {
            // Two statements for the whole chunk instead of one or two per ticket (a round trip each on PostgreSQL).
            // Events committed meanwhile raised ThroughSequence past what was handled: those rows stay, and only
            // their start moves past what was handled. A row starting before what was handled holds events a failed
            // batch left: it stays whole, for the retry or the sweep to take up from its start.
            // Only parameter placeholders are put into the text; the values go as parameters.
            // The IN list names the rows by primary key: without it both engines test every outbox row against the
            // whole VALUES list, and the outbox is longest exactly when the dispatcher is behind (a 20,000-ticket
            // backlog made each delete take milliseconds, and the dispatcher fell further behind).
            var (handledRows, ticketIds, values) = HandledRows(chunk, ticketIdConverter, firstParameter: 0);
            var delete = $"""
                DELETE FROM ticket_event_outbox WHERE "TicketId" IN ({ticketIds}) AND EXISTS (SELECT 1 FROM (VALUES {handledRows}) AS h
                WHERE h.column1 = ticket_event_outbox."TicketId" AND ticket_event_outbox."FromSequence" >= h.column2
                AND ticket_event_outbox."ThroughSequence" <= h.column3)
                """;
            await db.Database.ExecuteSqlRawAsync(delete, values, cancellationToken);
            (handledRows, _, values) = HandledRows(chunk, ticketIdConverter, firstParameter: 1);
            var update = $$"""
                UPDATE ticket_event_outbox SET "FromSequence" = h.column3 + 1, "RecordedAt" = {0} FROM (VALUES {{handledRows}}) AS h
                WHERE h.column1 = ticket_event_outbox."TicketId" AND ticket_event_outbox."FromSequence" >= h.column2
                AND ticket_event_outbox."FromSequence" <= h.column3
                """;
            await db.Database.ExecuteSqlRawAsync(update, [now, .. values], cancellationToken);
        }
    }

    // Three parameters a ticket: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters a statement.
    private const int MaxTicketsPerStatement = 500;

    private static object ToProvider(IEntityType entry, string property, object value) =>
        entry.FindProperty(property)!.GetTypeMapping().Converter?.ConvertToProvider(value) ?? value;

    /// <summary>The chunk as VALUES rows (ticket, from, through), the ticket placeholders alone for an IN list, and the values.</summary>
    private static (string Rows, string TicketIds, object[] Values) HandledRows(HandledTicketEvents[] chunk, ValueConverter? ticketIdConverter, int firstParameter)
    {
        var rows = new System.Text.StringBuilder();
        var ticketIds = new System.Text.StringBuilder();
        var values = new object[3 * chunk.Length];
        for (var i = 0; i < chunk.Length; i++)
        {
            var (ticketId, from, through) = chunk[i];
            var first = firstParameter + (3 * i);
            values[3 * i] = ticketIdConverter?.ConvertToProvider(ticketId) ?? ticketId;
            values[(3 * i) + 1] = from;
            values[(3 * i) + 2] = through;
            rows.Append(i == 0 ? "({" : ", ({").Append(first).Append("}, {").Append(first + 1).Append("}, {").Append(first + 2).Append("})");
            ticketIds.Append(i == 0 ? "{" : ", {").Append(first).Append('}');
        }

        return (rows.ToString(), ticketIds.ToString(), values);
    }

    public async Task PostponeAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default)
    {
        if (ticketIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = time.GetUtcNow();
        var ids = ticketIds.ToList();
        await db.Set<TicketEventOutboxEntry>()
            .Where(e => ids.Contains(e.TicketId))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.RecordedAt, now), cancellationToken);
    }
}
