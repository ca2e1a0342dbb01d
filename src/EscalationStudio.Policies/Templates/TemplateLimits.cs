namespace EscalationStudio.Policies.Templates;

/// <summary>
/// What one rendering may cost. Templates are written by admins, but a loop over a huge list or a recursive include
/// must still not stall the runtime or flood a ticket's timeline.
/// </summary>
internal sealed record TemplateLimits(int LoopLimit, int RecursionLimit, int OutputCharacters, TimeSpan Timeout)
{
    public static readonly TemplateLimits Default = new(LoopLimit: 1_000, RecursionLimit: 20, OutputCharacters: 64_000, Timeout: TimeSpan.FromSeconds(2));
}
