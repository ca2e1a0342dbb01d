using EscalationStudio.Server.Tests.Policies;
using Microsoft.Data.Sqlite;

namespace EscalationStudio.Server.Tests.Timers;

/// <summary>
/// Durable timers (issue 4): an SLA timer armed before the server stops is kept in Quartz's store on a real SQLite
/// file and fires once after the restart, even when the due time passed while the server was down.
/// </summary>
public sealed class TimerRestartTests : OpenTooLongInstallation
{
    [Fact]
    public async Task A_timer_armed_before_a_restart_fires_once_after_it_even_when_it_fell_due_while_the_server_was_down()
    {
        string ticketId;
        string timerFile;
        using (var before = new RestartingServer(Installation, Opened))
        {
            var ticket = await before.Admin().CreateTicketAsync(subject: "Export to PDF fails");
            ticketId = ticket.Id();
            await before.SettleAsync();
            timerFile = before.TimerFile;
        }

        Assert.Equal(1, await ArmedTimersAsync(timerFile));
        Assert.Equal("wal", await ScalarAsync(timerFile, "PRAGMA journal_mode"));

        using (var after = new RestartingServer(Installation, Due + TimeSpan.FromMinutes(20)))
        {
            var admin = after.Admin();
            await after.SettleAsync();
            await WaitForEscalationAsync(admin, ticketId);

            var timeline = await admin.TimelineAsync(ticketId);
            var escalated = timeline.Single("escalated");
            Assert.Equal("open-too-long", escalated.Data("policy"));
            Assert.Equal("tier-2", escalated.Data("to"));
            Assert.Single(timeline, e => e.IsEntry("customer-notification"));
        }

        Assert.Equal(0, await ArmedTimersAsync(timerFile));

        // Another restart finds nothing left to fire: the escalation is not repeated.
        using var again = new RestartingServer(Installation, Due + TimeSpan.FromHours(3));
        var client = again.Admin();
        await again.SettleAsync();
        await again.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromMinutes(30));
        var final = await client.TimelineAsync(ticketId);
        Assert.Single(final, e => e.Type() == "escalated");
        Assert.Single(final, e => e.IsEntry("customer-notification"));
    }

    // The fired timer's job resumes the policy on Quartz's worker; its escalation lands a moment after the trigger went.
    private static async Task WaitForEscalationAsync(HttpClient admin, string ticketId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((string?)(await admin.TicketAsync(ticketId))["tier"] != "tier-2")
        {
            Assert.True(DateTime.UtcNow < deadline, "the timer armed before the restart did not escalate the ticket after it");
            await Task.Delay(50);
        }
    }

    private static async Task<long> ArmedTimersAsync(string timerFile) =>
        (long)(await ScalarAsync(timerFile, "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'escalation-timers'"))!;

    private static async Task<object?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
