using System.Diagnostics.Metrics;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// How late each timer bookmark fired: from its due time to the moment the runtime finished resuming it (or found its
/// instance gone and dropped it), in milliseconds; a bookmark some other stimulus resumed first is not counted. A
/// histogram operators scrape (OpenTelemetry, dotnet-counters) to see whether SLA timers keep up.
/// </summary>
public sealed class TimerLag : IDisposable
{
    public const string MeterName = "EscalationStudio.Policies";
    public const string InstrumentName = "escalation.timers.lag";

    // A host's meter factory owns (and disposes) its meters; without one, as in a bare service collection, this does.
    private readonly Meter? _ownMeter;
    private readonly Histogram<double> _lag;

    public TimerLag(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(MeterName) ?? (_ownMeter = new Meter(MeterName));
        _lag = meter.CreateHistogram<double>(InstrumentName, unit: "ms", description: "How long after its due time each timer bookmark was resumed.");
        Meter = meter;
    }

    /// <summary>The meter the histogram belongs to, so a listener can tell this host's measurements from another's.</summary>
    public Meter Meter { get; }

    public void Record(TimeSpan lag) => _lag.Record(lag.TotalMilliseconds);

    public void Dispose() => _ownMeter?.Dispose();
}
