using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EscalationStudio.Persistence.Sqlite;

/// <summary>Applies <see cref="SqliteTuning"/> to every native connection EF Core opens on the SQLite database, once per handle.</summary>
internal sealed class SqliteTuningInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteTuningInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SqliteTuning.ApplyOnce(connection);

    // The pragmas run only on a new handle and SQLite executes them synchronously anyway.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SqliteTuning.ApplyOnce(connection);
        return Task.CompletedTask;
    }
}
