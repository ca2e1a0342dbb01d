using EscalationStudio.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EscalationStudio.Server.Tests.Persistence;

/// <summary>
/// The test server on the PostgreSQL provider, in a database of its own per instance (so parallel or repeated runs
/// never see each other's rows), dropped again when the server is disposed. Use it under <see cref="PostgresFactAttribute"/>.
/// </summary>
public class PostgresEscalationServer : EscalationServer
{
    public PostgresEscalationServer()
    {
        var database = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString)
        {
            Database = $"escalation_test_{Guid.NewGuid():N}"[..40],
        };
        Settings["Escalation:Provider"] = "Postgres";
        Settings["ConnectionStrings:Escalation"] = database.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        await InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().Database.EnsureDeletedAsync());
        await base.DisposeAsync();
    }
}
