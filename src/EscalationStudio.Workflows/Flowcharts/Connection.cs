using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Workflows.Flowcharts;

/// <summary>
/// An edge of a flowchart: followed when the source completes with an outcome equal to <see cref="SourcePort"/>.
/// The target port (Studio writes "In") is kept for the record; scheduling ignores it, as Elsa does.
/// </summary>
internal sealed record Connection(Activity Source, string SourcePort, Activity Target, string TargetPort)
{
    /// <summary>Stable key for persisted visit counters (Elsa keys FlowScope by the connection's text).</summary>
    public string Key { get; } = $"{Source.Id}:{SourcePort}->{Target.Id}:{TargetPort}";

    public override string ToString() => Key;
}
