using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using EscalationStudio.Policies.Imports;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Tickets;

/// <param name="Tickets">Tickets written by this import.</param>
/// <param name="Events">Their events, as the file recorded them.</param>
/// <param name="AlreadyPresent">Tickets the server already had (an import is idempotent by ticket id): left as they are.</param>
/// <param name="Unusable">Lines that could not be used, by reason.</param>
/// <param name="Refused">Recorded changes the ticket's rules refused while its state was rebuilt (its events are kept), by reason.</param>
internal sealed record ImportResponse(int Tickets, long Events, int AlreadyPresent, IReadOnlyDictionary<string, long> Unusable, IReadOnlyDictionary<string, long> Refused);

/// <summary>
/// <c>POST /api/tickets/import</c>: the export's JSON lines (<c>GET /api/tickets/export</c>) written back as tickets
/// with their events, as recorded (same ticket ids, times, actors and data; a ticket key that is not an id gets an id
/// derived from it, so importing again finds it). The ticket's state is rebuilt from its events with the domain's
/// changes. Nothing is dispatched to policies: an imported ticket is history, not a new case. A ticket whose created
/// event is not in the file cannot be imported; its lines are counted.
/// </summary>
internal static partial class ImportTickets
{
    public const long MaxBodyBytes = 512L * 1024 * 1024;
    private const int BatchSize = 200;

    public static async Task<Results<Ok<ImportResponse>, InvalidFieldProblem>> HandleAsync(
        HttpRequest request, EscalationDbContext db, IOrgDirectorySource org, CancellationToken cancellationToken)
    {
        var unusable = new Dictionary<string, long>(StringComparer.Ordinal);
        var refused = new Dictionary<string, long>(StringComparer.Ordinal);
        var tickets = new Dictionary<string, List<(int Sequence, HistoryEvent Event)>>(StringComparer.Ordinal);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var lines = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (Parse(line, out var reason) is { } parsed)
            {
                (tickets.TryGetValue(parsed.Event.TicketKey, out var list) ? list : tickets[parsed.Event.TicketKey] = []).Add(parsed);
            }
            else
            {
                Count(unusable, reason!);
            }
        }

        if (lines == 0)
        {
            return new InvalidFieldProblem("body", "the body is empty: send the export's JSON lines (GET /api/tickets/export)");
        }

        var imported = 0;
        var present = 0;
        long events = 0;
        var customers = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var batch in tickets.Chunk(BatchSize))
        {
            var ids = batch.ToDictionary(t => t.Key, t => IdOf(t.Key), StringComparer.Ordinal);
            var wanted = ids.Values.ToList();
            var existing = (await db.Tickets.AsNoTracking().Where(t => wanted.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var (key, entries) in batch)
            {
                var id = ids[key];
                if (existing.Contains(id))
                {
                    present++;
                    continue;
                }

                var history = entries.OrderBy(e => e.Sequence).ThenBy(e => e.Event.At).Select(e => e.Event).ToList();
                if (history[0].Type != TicketEventType.Created)
                {
                    Count(unusable, "the ticket's created event is not in the file (export a window that includes its start)", history.Count);
                    continue;
                }

                var requester = await RequesterAsync(db, customers, history[0], cancellationToken);
                Ticket ticket;
                IReadOnlyList<string> notApplied;
                try
                {
                    (ticket, notApplied) = TicketRebuild.Rebuild(id, requester, history, org.Current);
                }
                catch (TicketRuleViolationException e)
                {
                    Count(unusable, $"created: {e.Message}", history.Count);
                    continue;
                }

                foreach (var reason in notApplied)
                {
                    // By kind of refusal, not by agent or amount: the names are in the ticket's own events.
                    Count(refused, Quoted().Replace(reason, "'…'"));
                }

                db.Tickets.Add(ticket);
                // The recorded events are the timeline; the version counts them, so the next change gets the next sequence.
                db.Entry(ticket).Property(t => t.Version).CurrentValue = history.Count;
                db.TicketEvents.AddRange(history.Select((e, index) =>
                    new TicketEvent(Guid.CreateVersion7(e.At), id, index + 1, e.Type, e.Actor, e.At, e.Data)));
                imported++;
                events += history.Count;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var key in customers.Keys.ToList())
            {
                // Saved now: the next batch finds them in the database.
                customers.Remove(key);
            }
        }

        return TypedResults.Ok(new ImportResponse(imported, events, present, unusable, refused));
    }

    /// <summary>The requester: the customer the event names when the server knows them, else by e-mail, else new.</summary>
    private static async Task<Customer> RequesterAsync(EscalationDbContext db, Dictionary<string, Customer> customers, HistoryEvent created, CancellationToken cancellationToken)
    {
        var wanted = TicketRebuild.NewTicketOf(created).Requester;
        var email = Customer.NormaliseEmail(wanted.Email);
        if (customers.TryGetValue(email, out var known))
        {
            return known;
        }

        var id = Guid.TryParse(created[TicketEventData.Customer], out var customerId) ? customerId : (Guid?)null;
        var customer = (id is { } byId ? await db.Customers.FirstOrDefaultAsync(c => c.Id == byId, cancellationToken) : null)
            ?? await db.Customers.FirstOrDefaultAsync(c => c.Email == email, cancellationToken)
            ?? new Customer(id ?? Guid.CreateVersion7(created.At), wanted.Name, email, wanted.Organisation, wanted.LifetimeValue, wanted.IsVip);
        customers[email] = customer;
        return customer;
    }

    /// <summary>The server's own ids are kept; another key (T-000123 from a generated history) gets an id derived from it.</summary>
    private static Guid IdOf(string key)
    {
        if (Guid.TryParse(key, out var id))
        {
            return id;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("escalation-import:" + key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static (int Sequence, HistoryEvent Event)? Parse(string line, out string? reason)
    {
        ImportLine? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(line, TicketJsonContext.Default.ImportLine);
        }
        catch (JsonException)
        {
            reason = "not a JSON object";
            return null;
        }

        TicketEventType type = default;
        Actor actor = default;
        reason = parsed switch
        {
            null => "not a JSON object",
            { TicketId: null or "" } => "ticketId is missing",
            { Type: null } => "type is missing",
            _ when !TicketText.TryParse(parsed.Type, out type) => $"type '{parsed.Type}' is not a ticket event",
            { OccurredAt: null } => "occurredAt is missing or not a time",
            { Actor: null } => "actor is missing",
            _ when !Actor.TryParse(parsed.Actor, out actor) => "actor is not kind:id",
            _ => null,
        };
        return reason is null
            ? (parsed!.Sequence, new HistoryEvent(parsed.TicketId!, type, actor, parsed.OccurredAt!.Value, parsed.Data ?? new Dictionary<string, string>()))
            : null;
    }

    private static void Count(Dictionary<string, long> counts, string reason, long by = 1) => counts[reason] = counts.GetValueOrDefault(reason) + by;

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();
}

/// <summary>One line of the export, as read back.</summary>
internal sealed record ImportLine(string? TicketId, int Sequence, string? Type, string? Actor, DateTimeOffset? OccurredAt, Dictionary<string, string>? Data);
