namespace EscalationStudio.Server.Tests.Persistence;

/// <summary>
/// The test server on the PostgreSQL provider, in a database of its own per instance (so parallel or repeated runs
/// never see each other's rows), dropped again when the server is disposed. Use it under <see cref="PostgresFactAttribute"/>.
/// </summary>
public class PostgresEscalationServer : EscalationServer
{
    private readonly ScratchPostgresDatabase _database = new("escalation_test");

    public PostgresEscalationServer()
    {
        Settings["Escalation:Provider"] = "Postgres";
        Settings["ConnectionStrings:Escalation"] = _database.ConnectionString;
    }

    /// <summary>
    /// Another node on this server's database: a server of its own, not started, that leaves the database alone when
    /// disposed. Dispose it before this one (declare it after).
    /// </summary>
    public EscalationServer SecondNode()
    {
        var node = new EscalationServer();
        foreach (var setting in new[] { "Escalation:Provider", "ConnectionStrings:Escalation" })
        {
            node.Settings[setting] = Settings[setting];
        }

        return node;
    }

    public override async ValueTask DisposeAsync()
    {
        // The host stops first: dropped under it, Quartz's store retries its lost database for ever and the stop never
        // ends (it hung a full run at StudioCookieTests' PostgreSQL nodes).
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
