namespace EscalationStudio.Metrics.Summaries;

/// <summary>The SLA warnings and breaches one ticket had for one SLA metric.</summary>
/// <param name="Metric">The metric as the timeline entry named it (e.g. <c>first-response</c>), or
/// <see cref="UnrecordedMetric"/> for entries written before the metric was recorded.</param>
/// <param name="EscalatedBeforeBreach">The ticket had been escalated before its first breach of this metric (earlier in its history).</param>
public sealed record SlaSignals(string Metric, int Warnings, int Breaches, DateTimeOffset? FirstBreachAt, bool EscalatedBeforeBreach)
{
    public const string UnrecordedMetric = "(not recorded)";
}
