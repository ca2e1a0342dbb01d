using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The rows a group commit writes (customers, tickets, messages, events), as plain commands built once per model
/// (<see cref="RowShape"/>).
/// </summary>
/// <remarks>
/// The writer is the one serial path every ticket change on a node takes, and SaveChanges was most of its time in the
/// runtime benchmark's profile: building a modification command per row, sorting and batching them, and SQLite preparing
/// every statement of every batch anew. Here a batch prepares each kind of statement once and runs it once per row;
/// nothing is tracked, since a batch's context is thrown away after its commit.
/// </remarks>
internal sealed class TicketRows
{
    private static readonly ConditionalWeakTable<IModel, TicketRows> ByModel = [];

    private TicketRows(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        Customers = new RowShape(db.Model.FindEntityType(typeof(Customer))!, sql);
        Tickets = new RowShape(db.Model.FindEntityType(typeof(Ticket))!, sql);
        Messages = new RowShape(db.Model.FindEntityType(typeof(TicketMessage))!, sql);
        Events = new RowShape(db.Model.FindEntityType(typeof(TicketEvent))!, sql);
    }

    public RowShape Customers { get; }

    public RowShape Tickets { get; }

    public RowShape Messages { get; }

    public RowShape Events { get; }

    public static TicketRows For(DbContext db) => ByModel.GetValue(db.Model, _ => new TicketRows(db));
}
