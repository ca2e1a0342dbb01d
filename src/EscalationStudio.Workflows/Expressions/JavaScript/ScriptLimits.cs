namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// Hard limits for one script evaluation. A script that breaks one faults only its own instance, with an incident
/// naming the limit; the host and other instances carry on.
/// </summary>
public sealed record ScriptLimits
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public long MemoryBytes { get; init; } = 16 * 1024 * 1024;
    public int RecursionDepth { get; init; } = 128;
    public int MaxStatements { get; init; } = 200_000;
}
