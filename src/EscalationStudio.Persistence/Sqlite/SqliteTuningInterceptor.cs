using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EscalationStudio.Persistence.Sqlite;

/// <summary>Applies <see cref="SqliteTuning"/> to every connection EF Core opens on the SQLite database.</summary>
internal sealed class SqliteTuningInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteTuningInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SqliteTuning.Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        SqliteTuning.ApplyAsync(connection, cancellationToken);
}
