namespace EscalationStudio.Workflows.Execution;

/// <summary>How a container schedules a child: a tag it gets back on completion, input, and local variables.</summary>
public sealed record ScheduleOptions
{
    /// <summary>No tag, input or local variables (shared: options are immutable).</summary>
    public static readonly ScheduleOptions None = new();

    public string? Tag { get; init; }

    /// <summary>Values the child reads with <see cref="ActivityExecutionContext.GetScheduleInput"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Input { get; init; }

    /// <summary>Variables visible to the child and its descendants only (a loop's CurrentValue).</summary>
    public IReadOnlyDictionary<string, object?>? LocalVariables { get; init; }
}
