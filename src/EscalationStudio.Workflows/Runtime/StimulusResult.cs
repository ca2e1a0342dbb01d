namespace EscalationStudio.Workflows.Runtime;

/// <summary>What a stimulus did: the instances it started (matching triggers) and resumed (matching bookmarks).</summary>
public sealed record StimulusResult(IReadOnlyList<WorkflowRunResult> Started, IReadOnlyList<WorkflowRunResult> Resumed)
{
    public bool MatchedAnything => Started.Count > 0 || Resumed.Count > 0;
}
