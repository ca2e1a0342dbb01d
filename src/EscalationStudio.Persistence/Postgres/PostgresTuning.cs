using Npgsql;

namespace EscalationStudio.Persistence.Postgres;

/// <summary>
/// Connection settings for the escalation database on PostgreSQL that the configured connection string may leave out.
/// </summary>
internal static class PostgresTuning
{
    /// <summary>
    /// Statements run often (the ticket writer's inserts and updates, the stores' reads) are prepared on each pooled
    /// connection after a few uses, so the server parses and plans them once instead of at every run: with the writer's
    /// statements batched, this took the HTTP ticket load from about 670 to 1,160 requests/s on one node (README).
    /// A connection string that sets <c>Max Auto Prepare</c> keeps its own value.
    /// </summary>
    public static string ConnectionString(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !configured.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 128;
        }

        return builder.ConnectionString;
    }
}
