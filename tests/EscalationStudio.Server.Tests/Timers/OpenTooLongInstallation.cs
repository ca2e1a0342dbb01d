using EscalationStudio.Server.Tests.Policies;
using Microsoft.Data.Sqlite;

namespace EscalationStudio.Server.Tests.Timers;

/// <summary>
/// An installation folder that outlives server restarts, with the dates of open-too-long's SLA for a ticket opened
/// on a Monday afternoon: the timer tests start, stop and restart servers on it with a fake clock.
/// </summary>
public abstract class OpenTooLongInstallation : IDisposable
{
    // Monday 14:00 in Berlin; open-too-long's 8 business hours end Tuesday 12:00 Berlin = 11:00 UTC.
    protected static readonly DateTimeOffset Opened = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Due = new(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);

    protected string Installation { get; } = RestartingServer.NewInstallation();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Installation, recursive: true);
        GC.SuppressFinalize(this);
    }
}
