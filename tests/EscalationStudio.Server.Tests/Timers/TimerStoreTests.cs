using EscalationStudio.Persistence;
using EscalationStudio.Server.Runtime;

namespace EscalationStudio.Server.Tests.Timers;

public sealed class TimerStoreTests
{
    private static EscalationDatabaseOptions Sqlite(string file) => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };

    [Fact]
    public void SqliteFile_is_a_sibling_of_the_escalation_database()
    {
        var database = Path.Combine(Path.GetTempPath(), "install", "data", "escalation.db");

        Assert.Equal(Path.Combine(Path.GetTempPath(), "install", "data", "escalation.timers.db"), TimerStore.SqliteFile(Sqlite(database)));
    }

    [Fact]
    public void SqliteFile_refuses_an_in_memory_database_naming_the_setting()
    {
        var problem = Assert.Throws<InvalidOperationException>(() => TimerStore.SqliteFile(Sqlite(":memory:")));

        Assert.Contains("ConnectionStrings:Escalation", problem.Message);
    }

    [Fact]
    public void SchedulerName_stays_the_same_for_one_data_folder_and_differs_between_folders()
    {
        var first = Path.Combine(Path.GetTempPath(), "one", "escalation.db");
        var second = Path.Combine(Path.GetTempPath(), "two", "escalation.db");

        Assert.Equal(TimerStore.SchedulerName(Sqlite(first)), TimerStore.SchedulerName(Sqlite(first)));
        Assert.NotEqual(TimerStore.SchedulerName(Sqlite(first)), TimerStore.SchedulerName(Sqlite(second)));
    }

    [Fact]
    public void SchedulerName_is_one_name_for_every_node_of_a_postgres_cluster()
    {
        var nodeA = new EscalationDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db-a;Database=escalation" };
        var nodeB = new EscalationDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=10.0.0.5;Database=escalation" };

        Assert.Equal(TimerStore.SchedulerName(nodeA), TimerStore.SchedulerName(nodeB));
    }
}
