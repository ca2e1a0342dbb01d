namespace EscalationStudio.Workflows.Bookmarks;

/// <summary>
/// Something that happened: a name (e.g. <c>Elsa.Event</c>, <c>Escalation.KeywordDetected</c>) and a payload that
/// identifies which waiting triggers and bookmarks it matches, plus the input handed to what it starts or resumes.
/// </summary>
public sealed record Stimulus(string Name, object? Payload, IReadOnlyDictionary<string, object?>? Input = null)
{
    public string Hash => StimulusHasher.Hash(Name, Payload);

    /// <summary>
    /// When set, only instances with this correlation id are resumed, and instances started by this stimulus get it
    /// (Elsa's correlation filter; e.g. the ticket id).
    /// </summary>
    public string? CorrelationId { get; init; }

    /// <summary>Elsa's event stimulus: name <c>Elsa.Event</c>, payload <c>{"EventName": ...}</c>.</summary>
    public static Stimulus Event(string eventName, IReadOnlyDictionary<string, object?>? input = null) =>
        new(StimulusNames.Event, new EventStimulus(eventName), input);
}

/// <summary>Payload of Elsa's Event trigger and bookmark.</summary>
internal sealed record EventStimulus(string EventName);

/// <summary>Payload of a Delay bookmark.</summary>
internal sealed record DelayPayload(DateTimeOffset ResumeAt);

/// <summary>Payload of a Timer trigger.</summary>
internal sealed record TimerTriggerPayload(DateTimeOffset StartAt, TimeSpan Interval);

/// <summary>Payload of a Timer bookmark.</summary>
internal sealed record TimerBookmarkPayload(DateTimeOffset ResumeAt);

internal static class StimulusNames
{
    public const string Event = "Elsa.Event";
    public const string Delay = "Elsa.Delay";
    public const string Timer = "Elsa.Timer";
}
