namespace EscalationStudio.Workflows.Bookmarks;

/// <summary>
/// What an activity asks for when it waits: the stimulus name and the payload that identifies the awaited
/// stimulus (a record; its PascalCase JSON is hashed). Set <see cref="DueAt"/> for a timer.
/// </summary>
public sealed record BookmarkOptions(string StimulusName, object? Payload = null)
{
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Include the activity instance id in the hash so that only a resume by bookmark id matches.</summary>
    public bool IncludeActivityInstanceId { get; init; }

    public bool AutoBurn { get; init; } = true;

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
