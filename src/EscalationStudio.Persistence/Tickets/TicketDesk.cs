using System.Globalization;
using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;
using EscalationStudio.Persistence.Locks;
using EscalationStudio.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// Reads tickets straight from the database; hands every change to the node's <see cref="TicketWriter"/>, which
/// applies the change and commits it with the other commands waiting at that moment, then tells the observers.
/// </summary>
internal sealed class TicketDesk(IServiceProvider services, TicketWriter writer, DatabaseLocks locks) : ITicketDesk
{
    private EscalationDbContext? _db;

    // Taken from the scope on the first read only: most desk calls are changes, which the writer makes with its own
    // context, and renting and resetting a pooled context for nothing costs as much as a small query.
    private EscalationDbContext Db => _db ??= services.GetRequiredService<EscalationDbContext>();

    public Task<Ticket> CreateAsync(NewTicket request, Actor by, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(new CreateTicket(new OpenTicket(request, by), cancellationToken));

    /// <summary>
    /// The ticket as committed. When this node's writer committed it last and the database still has that version (one
    /// indexed single-column read), a copy of the kept ticket answers: loading the ticket with its whole conversation
    /// (two statements, and EF Core's split-query shaper builds delegates by reflection on every run) was about a third
    /// of the server's CPU under the HTTP load, between the ticket reads, the customer messages and the SLA policies.
    /// Another node's change, or a ticket the writer no longer keeps, is loaded as before. On SQLite the writer is the
    /// file's only one, so what it keeps is what is committed, and the version is not read at all: a change is kept
    /// before its caller is answered, so a caller reads its own change.
    /// </summary>
    public async Task<Ticket?> FindAsync(Guid ticketId, CancellationToken cancellationToken = default)
    {
        if (writer.Committed(ticketId) is { } kept)
        {
            if (!locks.AcrossNodes)
            {
                return kept.Copy();
            }

            var version = await VersionAsync(ticketId, cancellationToken);
            if (version is null)
            {
                return null;
            }

            if (version == kept.Version)
            {
                return kept.Copy();
            }
        }

        return await LoadAsync(ticketId, cancellationToken);
    }

    /// <summary>
    /// The ticket's committed version, or null when there is no such ticket: one plain statement. As an EF Core query,
    /// compiled or not, each run also built its result shaper's delegate by reflection (1.1 % of the server's CPU under
    /// the HTTP load, more than the statement's own SQLite work).
    /// </summary>
    private async Task<int?> VersionAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        var shape = RowShape.For<Ticket>(Db);
        await Db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Db.Database.GetDbConnection().CreateCommand();
            command.CommandText = shape.TokenSql;
            shape.BindKeyValue(command, ticketId);
            return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToInt32(version, CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            await Db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Ticket?> LoadAsync(Guid ticketId, CancellationToken cancellationToken) =>
        await Db.Tickets.AsNoTracking()
            .Include(t => t.Requester)
            .Include(t => t.Messages)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);

    public async Task<IReadOnlyList<TicketEvent>> GetTimelineAsync(Guid ticketId, CancellationToken cancellationToken = default)
    {
        var timeline = await CompiledQueries<TicketQueries>.For(Db).Timeline(Db, ticketId).ToListAsync(cancellationToken);

        // Every ticket has at least its Created event, so only an empty answer needs the second look.
        if (timeline.Count == 0 && !await Db.Tickets.AnyAsync(t => t.Id == ticketId, cancellationToken))
        {
            throw new TicketNotFoundException(ticketId);
        }

        return timeline;
    }

    public async Task<IReadOnlyList<TicketEvent>> GetTimelineAfterAsync(Guid ticketId, int afterSequence, CancellationToken cancellationToken = default) =>
        await CompiledQueries<TicketQueries>.For(Db).TimelineAfter(Db, ticketId, afterSequence).ToListAsync(cancellationToken);

    public async IAsyncEnumerable<TicketEvent> ReadEventsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var events = Db.TicketEvents.AsNoTracking()
            .Where(e => e.OccurredAt >= from && e.OccurredAt < to)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.TicketId).ThenBy(e => e.Sequence)
            .AsAsyncEnumerable();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            yield return e;
        }
    }

    public async Task<IReadOnlyList<Guid>> ListActiveTicketIdsAsync(DateTimeOffset createdBy, Guid? after, int take, CancellationToken cancellationToken = default)
    {
        var open = Db.Tickets.AsNoTracking()
            .Where(t => t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed && t.CreatedAt <= createdBy);
        if (after is { } last)
        {
            open = open.Where(t => t.Id > last);
        }

        // Keyset paging on the primary key: each page is an index range, however deep into the backlog it is.
        return await open.OrderBy(t => t.Id).Select(t => t.Id).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountOpenTicketsByOwnerAsync(CancellationToken cancellationToken = default) =>
        await Db.Tickets.AsNoTracking()
            .Where(t => t.OwnerAgentId != null && t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed)
            .GroupBy(t => t.OwnerAgentId!)
            .Select(owner => new { Agent = owner.Key, Open = owner.Count() })
            .ToDictionaryAsync(owner => owner.Agent, owner => owner.Open, cancellationToken);

    public Task<Ticket> ApplyAsync(Guid ticketId, TicketChange change, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(new ChangeTicket(ticketId, change, services.GetService<DeskCallKeys>()?.Next(), cancellationToken));
}
