using System.Data.Common;
using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The rows a group commit writes (customers, tickets, messages, events), as plain commands built once per model from
/// the EF Core model: the same tables, column names, value converters and provider type mappings EF Core itself uses,
/// so a row written here reads back through EF Core unchanged.
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

/// <summary>One table's insert, and its update guarded by the concurrency token, in the provider's SQL.</summary>
internal sealed class RowShape
{
    private readonly Column[] _columns;
    private readonly Column[] _keys;
    private readonly Column[] _values;
    private readonly Column? _token;
    private readonly string _originalTokenName;

    public RowShape(IEntityType type, ISqlGenerationHelper sql)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        _columns = [.. type.GetProperties().Select((property, i) => Column.For(property, table, sql, $"p{i}"))];
        _keys = [.. _columns.Where(c => c.Property.IsPrimaryKey())];
        _values = [.. _columns.Where(c => !c.Property.IsPrimaryKey())];
        _token = _columns.SingleOrDefault(c => c.Property.IsConcurrencyToken);
        _originalTokenName = sql.GenerateParameterName("original");

        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        InsertSql = $"INSERT INTO {name} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES ({string.Join(", ", _columns.Select(c => c.Placeholder))})";
        var where = string.Join(" AND ", _keys.Select(c => $"{c.Name} = {c.Placeholder}"));
        if (_token is not null)
        {
            where += $" AND {_token.Name} = {sql.GenerateParameterNamePlaceholder("original")}";
        }

        UpdateSql = $"UPDATE {name} SET {string.Join(", ", _values.Select(c => $"{c.Name} = {c.Placeholder}"))} WHERE {where}";
    }

    public string InsertSql { get; }

    public string UpdateSql { get; }

    public void BindInsert(DbCommand command, object row)
    {
        command.Parameters.Clear();
        foreach (var column in _columns)
        {
            command.Parameters.Add(column.Parameter(command, row));
        }
    }

    /// <param name="originalToken">The concurrency token's value as the row was loaded: the update matches no row if another writer changed it since.</param>
    public void BindUpdate(DbCommand command, object row, object originalToken)
    {
        BindInsert(command, row);
        if (_token is not null)
        {
            command.Parameters.Add(_token.Mapping.CreateParameter(command, _originalTokenName, originalToken, nullable: false));
        }
    }

    private sealed record Column(IProperty Property, string Name, string ParameterName, string Placeholder, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        public static Column For(IProperty property, StoreObjectIdentifier table, ISqlGenerationHelper sql, string parameterName)
        {
            if (property.IsShadowProperty())
            {
                // A shadow value lives in EF Core's change tracker only, which these rows bypass.
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property; the ticket writer cannot read it");
            }

            return new Column(
                property,
                sql.DelimitIdentifier(property.GetColumnName(table)!),
                sql.GenerateParameterName(parameterName),
                sql.GenerateParameterNamePlaceholder(parameterName),
                (RelationalTypeMapping)property.GetTypeMapping(),
                property.GetGetter());
        }

        // The mapping converts the value (enums to text, actors, event data and tags to JSON, times to ticks on SQLite).
        public DbParameter Parameter(DbCommand command, object row) =>
            Mapping.CreateParameter(command, ParameterName, Getter.GetClrValueUsingContainingEntity(row), Property.IsNullable);
    }
}
