namespace EscalationStudio.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use; the host fills it from <c>Escalation:Provider</c> and <c>ConnectionStrings:Escalation</c>.</summary>
public sealed class EscalationDatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = string.Empty;
}
