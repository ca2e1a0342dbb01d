using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EscalationStudio.Persistence.Rows;

/// <summary>
/// One table's insert, its update guarded by the concurrency token and the read of that token, in the provider's SQL,
/// built from the EF Core model: the same table, column names, value converters and type mappings EF Core itself uses,
/// so a row written here reads back through EF Core unchanged. For the hot statements where EF Core's per-row or
/// per-query work costs more than the statement.
/// </summary>
/// <remarks>
/// An update sets only the columns that changed since the row's snapshot, as SaveChanges would: SQLite rewrites the
/// entries of every index on a column named in SET, changed or not, and tickets have four such indexes.
/// </remarks>
internal sealed class RowShape
{
    // Per model: one process may hold a SQLite and a PostgreSQL model (the provider tests, a migration tool).
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, RowShape>> ByModel = [];

    private readonly Column[] _columns;
    private readonly Column[] _keys;
    private readonly Column[] _values;
    private readonly Column? _token;
    private readonly string _table;
    private readonly string _originalTokenName;
    private readonly string _originalTokenPlaceholder;
    private readonly string? _insertManySql;
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
        var (names, placeholders) = (string.Join(", ", _columns.Select(c => c.Name)), string.Join(", ", _columns.Select(c => c.Placeholder)));
        InsertSql = $"INSERT INTO {_table} ({names}) VALUES ({placeholders})";
        if (_columns.All(c => c.StoredType == typeof(string) || !typeof(System.Collections.IEnumerable).IsAssignableFrom(c.StoredType)))
        {
            _insertManySql = $"INSERT INTO {_table} ({names}) " +
                $"SELECT {string.Join(", ", _columns.Select((c, i) => $"CAST(r.c{i} AS {c.Mapping.StoreTypeNameBase})"))} " +
                $"FROM unnest({placeholders}) AS r({string.Join(", ", _columns.Select((_, i) => $"c{i}"))})";
        }
    }

    public string InsertSql { get; }

    /// <summary>
    /// PostgreSQL: the insert of any number of rows in one statement, each column's values in one array parameter
    /// (<see cref="BindInsertMany"/>). A group commit writes its events, messages and outbox rows this way, one statement
    /// a table instead of one a row: PostgreSQL runs each statement's executor start and end, and parses its messages,
    /// once. Each array is cast to its column's base type (text to <c>jsonb</c>, for one); no length or precision, which
    /// a cast would enforce by cutting the value, where the insert's assignment refuses it as a single-row insert does.
    /// </summary>
    public string InsertManySql => _insertManySql ?? throw new InvalidOperationException($"{_table} has a column that is a list itself, which unnest would flatten");

    /// <summary>The shape of <typeparamref name="TEntity"/>'s table in the context's model, built once per model.</summary>
    public static RowShape For<TEntity>(DbContext db) =>
        ByModel.GetValue(db.Model, _ => new()).GetOrAdd(typeof(TEntity), static (type, db) =>
            new RowShape(db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model"), db.GetService<ISqlGenerationHelper>()), db);

    public void BindInsert(DbCommand command, object row)
    {
        command.Parameters.Clear();
        BindInsert(command, command.Parameters, row);
    }

    /// <summary>Binds into any parameter list (a batch command's), with <paramref name="factory"/> making the parameters.</summary>
    public void BindInsert(DbCommand factory, DbParameterCollection parameters, object row)
    {
        foreach (var column in _columns)
        {
            parameters.Add(column.Parameter(factory, row));
        }
    }

    /// <summary>Whether <see cref="InsertManySql"/> can write this table: not where a column holds a list itself (tags).</summary>
    public bool CanInsertMany => _insertManySql is not null;

    /// <summary>Binds <see cref="InsertManySql"/>: per column, an array of the rows' values as the column stores them.</summary>
    public void BindInsertMany(DbCommand factory, DbParameterCollection parameters, IReadOnlyList<object> rows)
    {
        foreach (var column in _columns)
        {
            var values = Array.CreateInstance(column.StoredType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(column.Stored(rows[i]), i);
            }

            var parameter = factory.CreateParameter();
            parameter.ParameterName = column.ParameterName;
            parameter.Value = values;
            parameters.Add(parameter);
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

    /// <summary>The update that sets every column besides the key: for a row whose stored values were not read.</summary>
    public (ulong Changed, string Sql) UpdateAll()
    {
        var all = _values.Length == 64 ? ulong.MaxValue : (1UL << _values.Length) - 1;
        return (all, _updates.GetOrAdd(all, UpdateSql));
    }

    /// <summary>Deletes the row with the key of <see cref="BindKey"/>.</summary>
    public string DeleteSql => field ??= $"DELETE FROM {_table} WHERE {string.Join(" AND ", _keys.Select(c => $"{c.Name} = {c.Placeholder}"))}";

    public void BindKey(DbCommand command, object row)
    {
        command.Parameters.Clear();
        foreach (var column in _keys)
        {
            command.Parameters.Add(column.Parameter(command, row));
        }
    }

    /// <summary>
    /// Reads the concurrency token of the row whose single-column key <see cref="BindKeyValue"/> binds; no row, no result.
    /// </summary>
    public string TokenSql => field ??=
        $"SELECT {(_token ?? throw new InvalidOperationException($"{_table} has no concurrency token")).Name} FROM {_table} WHERE {Key.Name} = {Key.Placeholder}";

    public void BindKeyValue(DbCommand command, object key)
    {
        command.Parameters.Clear();
        command.Parameters.Add(Key.Mapping.CreateParameter(command, Key.ParameterName, key, nullable: false));
    }

    private Column Key => _keys is [var key] ? key : throw new InvalidOperationException($"{_table} has a composite key");

    /// <param name="originalToken">The concurrency token's value as the row was loaded: the update matches no row if another writer changed it since.</param>
    public void BindUpdate(DbCommand command, object row, ulong changed, object originalToken)
    {
        command.Parameters.Clear();
        BindUpdate(command, command.Parameters, row, changed, originalToken);
    }

    /// <inheritdoc cref="BindUpdate(DbCommand, object, ulong, object)"/>
    public void BindUpdate(DbCommand factory, DbParameterCollection parameters, object row, ulong changed, object originalToken)
    {
        foreach (var column in Changed(changed).Concat(_keys))
        {
            parameters.Add(column.Parameter(factory, row));
        }

        if (_token is not null)
        {
            parameters.Add(_token.Mapping.CreateParameter(factory, _originalTokenName, originalToken, nullable: false));
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

        /// <summary>The value as the column holds it: through the mapping's converter, if it has one.</summary>
        public object? Stored(object row)
        {
            var value = Value(row);
            return value is not null && Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }

        /// <summary>The type of <see cref="Stored"/>, nullable where the column is.</summary>
        public Type StoredType => field ??= (Mapping.Converter?.ProviderClrType ?? Mapping.ClrType) is var type && type.IsValueType && Property.IsNullable && Nullable.GetUnderlyingType(type) is null
            ? typeof(Nullable<>).MakeGenericType(type)
            : type;

        // The mapping converts the value (enums to text, actors, event data and tags to JSON, times to ticks on SQLite).
        public DbParameter Parameter(DbCommand command, object row) =>
            Mapping.CreateParameter(command, ParameterName, Value(row), Property.IsNullable);
    }
}
