using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
/// <remarks>
/// An update sets only the columns that changed since the row's snapshot, as SaveChanges would: SQLite rewrites the
/// entries of every index on a column named in SET, changed or not, and tickets have four such indexes.
/// </remarks>
internal sealed class RowShape
{
    private readonly Column[] _columns;
    private readonly Column[] _keys;
    private readonly Column[] _values;
    private readonly Column? _token;
    private readonly string _table;
    private readonly string _originalTokenName;
    private readonly string _originalTokenPlaceholder;
    private readonly ConcurrentDictionary<ulong, string> _updates = [];

    public RowShape(IEntityType type, ISqlGenerationHelper sql)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        _columns = [.. type.GetProperties().Select((property, i) => Column.For(property, table, sql, $"p{i}"))];
        _keys = [.. _columns.Where(c => c.Property.IsPrimaryKey())];
        _values = [.. _columns.Where(c => !c.Property.IsPrimaryKey())];
        if (_values.Length > 64)
        {
            throw new InvalidOperationException($"{type.DisplayName()} has {_values.Length} columns besides its key; the ticket writer marks changed ones in 64 bits");
        }

        _token = _columns.SingleOrDefault(c => c.Property.IsConcurrencyToken);
        _table = sql.DelimitIdentifier(table.Name, table.Schema);
        _originalTokenName = sql.GenerateParameterName("original");
        _originalTokenPlaceholder = sql.GenerateParameterNamePlaceholder("original");
        InsertSql = $"INSERT INTO {_table} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES ({string.Join(", ", _columns.Select(c => c.Placeholder))})";
    }

    public string InsertSql { get; }

    public void BindInsert(DbCommand command, object row)
    {
        command.Parameters.Clear();
        foreach (var column in _columns)
        {
            command.Parameters.Add(column.Parameter(command, row));
        }
    }

    /// <summary>The row's values as loaded, to tell later which columns a change touched.</summary>
    public object?[] Snapshot(object row) => [.. _values.Select(c => c.Comparer.Snapshot(c.Value(row)))];

    /// <summary>The columns that differ from the snapshot (one bit per column), and the update that sets just those.</summary>
    public (ulong Changed, string Sql) Update(object row, object?[] snapshot)
    {
        var changed = 0UL;
        for (var i = 0; i < _values.Length; i++)
        {
            if (!_values[i].Comparer.Equals(snapshot[i], _values[i].Value(row)))
            {
                changed |= 1UL << i;
            }
        }

        return (changed, _updates.GetOrAdd(changed, UpdateSql));
    }

    /// <param name="originalToken">The concurrency token's value as the row was loaded: the update matches no row if another writer changed it since.</param>
    public void BindUpdate(DbCommand command, object row, ulong changed, object originalToken)
    {
        command.Parameters.Clear();
        foreach (var column in Changed(changed).Concat(_keys))
        {
            command.Parameters.Add(column.Parameter(command, row));
        }

        if (_token is not null)
        {
            command.Parameters.Add(_token.Mapping.CreateParameter(command, _originalTokenName, originalToken, nullable: false));
        }
    }

    private string UpdateSql(ulong changed)
    {
        var where = string.Join(" AND ", _keys.Select(c => $"{c.Name} = {c.Placeholder}"));
        if (_token is not null)
        {
            where += $" AND {_token.Name} = {_originalTokenPlaceholder}";
        }

        return $"UPDATE {_table} SET {string.Join(", ", Changed(changed).Select(c => $"{c.Name} = {c.Placeholder}"))} WHERE {where}";
    }

    private IEnumerable<Column> Changed(ulong changed) => _values.Where((_, i) => (changed & (1UL << i)) != 0);

    private sealed record Column(IProperty Property, string Name, string ParameterName, string Placeholder, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, ValueComparer Comparer)
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
                property.GetGetter(),
                property.GetValueComparer());
        }

        public object? Value(object row) => Getter.GetClrValueUsingContainingEntity(row);

        // The mapping converts the value (enums to text, actors, event data and tags to JSON, times to ticks on SQLite).
        public DbParameter Parameter(DbCommand command, object row) =>
            Mapping.CreateParameter(command, ParameterName, Value(row), Property.IsNullable);
    }
}
