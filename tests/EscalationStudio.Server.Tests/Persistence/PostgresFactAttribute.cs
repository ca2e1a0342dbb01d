namespace EscalationStudio.Server.Tests.Persistence;

/// <summary>
/// A test that needs a real PostgreSQL server: it runs when ESCALATION_TEST_POSTGRES holds a connection string
/// (.ci/run starts PostgreSQL and sets it) and is otherwise skipped with a message saying so.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "ESCALATION_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"PostgreSQL provider test skipped: set {Variable} to a connection string " +
                "(e.g. Host=127.0.0.1;Username=postgres;Password=postgres;Database=escalation_test) to run it; .ci/run does.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
