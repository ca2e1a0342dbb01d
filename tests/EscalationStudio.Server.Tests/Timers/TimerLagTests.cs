using System.Diagnostics.Metrics;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Timers;

/// <summary>Operators see how late SLA timers fire: the server reports each fired timer on its own meter.</summary>
public sealed class TimerLagTests : OpenTooLongInstallation
{
    [Fact]
    public async Task A_fired_SLA_timer_reports_how_late_it_fired_on_the_servers_escalation_timers_lag_histogram()
    {
        using var server = new RestartingServer(Installation, Opened);
        var admin = server.Admin();
        var meter = server.Services.GetRequiredService<TimerLag>().Meter;
        Assert.Equal(TimerLag.MeterName, meter.Name);
        Assert.Same(server.Services.GetRequiredService<IMeterFactory>(), meter.Scope);
        var lagsMs = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscribe) =>
        {
            if (instrument.Meter == meter && instrument.Name == TimerLag.InstrumentName)
            {
                subscribe.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, lagMs, _, _) =>
        {
            lock (lagsMs)
            {
                lagsMs.Add(lagMs);
            }
        });
        listener.Start();

        await admin.CreateTicketAsync(subject: "Export to PDF fails");
        await server.SettleAsync();
        server.Clock.Advance(Due + TimeSpan.FromMinutes(20) - Opened);
        await server.SettleAsync();

        lock (lagsMs)
        {
            Assert.Equal([TimeSpan.FromMinutes(20).TotalMilliseconds], lagsMs);
        }
    }
}
