using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Bookmarks;

/// <summary>
/// A point where an instance waits for a stimulus (Elsa.Workflows.Core/Models/Bookmark.cs). <see cref="Hash"/> is
/// what a stimulus is matched on; <see cref="DueAt"/> is set for timers (Delay, Timer, SLA deadlines) so the host can
/// schedule a resume at that time: the engine itself never polls.
/// </summary>
public sealed record Bookmark
{
    public required string Id { get; init; }

    /// <summary>Stimulus name, e.g. <c>Elsa.Event</c> or <c>Elsa.Delay</c>.</summary>
    public required string Name { get; init; }

    public required string Hash { get; init; }

    /// <summary>The payload as hashed: CLR property names (PascalCase), as Elsa stores it.</summary>
    public JsonNode? Payload { get; init; }

    public required string ActivityId { get; init; }
    public required string ActivityNodeId { get; init; }

    /// <summary>The id of the waiting activity's execution context.</summary>
    public required string ActivityInstanceId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Deleted when resumed (Elsa's default).</summary>
    public bool AutoBurn { get; init; } = true;

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
