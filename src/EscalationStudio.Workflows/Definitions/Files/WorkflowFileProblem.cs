namespace EscalationStudio.Workflows.Definitions.Files;

/// <summary>Why a file in <c>workflows/</c> was skipped. <see cref="Activity"/> is set when one activity is at fault.</summary>
public sealed record WorkflowFileProblem(string File, string? Activity, string Reason)
{
    public override string ToString() => Activity is null ? $"{File}: {Reason}" : $"{File}: activity {Activity}: {Reason}";
}
