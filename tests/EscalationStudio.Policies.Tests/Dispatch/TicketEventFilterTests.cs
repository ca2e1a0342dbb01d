using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Bookmarks;

namespace EscalationStudio.Policies.Tests.Dispatch;

public sealed class TicketEventFilterTests
{
    private static readonly TicketEventFilter Solved = TicketEventFilter.When(TicketEventType.StatusChanged, TicketEventData.To, "solved")
        .Or(TicketEventType.StatusChanged, TicketEventData.To, "closed");

    private static TicketEvent Event(TicketEventType type, params (string Key, string Value)[] data) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, type, Actor.System, DateTimeOffset.UnixEpoch, data.ToDictionary(d => d.Key, d => d.Value));

    private static Bookmark Watching(IReadOnlyDictionary<string, string>? metadata) => new()
    {
        Id = "b1",
        Name = TicketStimuli.TicketChanged,
        Hash = "H",
        ActivityId = "wait",
        ActivityNodeId = "wait",
        ActivityInstanceId = "i1",
        AutoBurn = false,
        Metadata = metadata,
    };

    [Fact]
    public void A_filter_admits_its_events_and_data_only_comparing_data_as_ticket_text()
    {
        Assert.True(Solved.Admits(Event(TicketEventType.StatusChanged, (TicketEventData.To, "solved"))));
        Assert.True(Solved.Admits(Event(TicketEventType.StatusChanged, (TicketEventData.To, "Closed"))));
        Assert.False(Solved.Admits(Event(TicketEventType.StatusChanged, (TicketEventData.To, "pending"))));
        Assert.False(Solved.Admits(Event(TicketEventType.MessageAdded, (TicketEventData.To, "solved"))));

        var internalNotes = TicketEventFilter.When(TicketEventType.MessageAdded, TicketEventData.MessageKind, "InternalNote");
        Assert.True(internalNotes.Admits(Event(TicketEventType.MessageAdded, (TicketEventData.MessageKind, "internal-note"))));
    }

    [Fact]
    public void A_bookmarks_metadata_carries_the_filter()
    {
        var bookmark = Watching(Solved.ToMetadata());

        Assert.True(TicketEventFilter.Admits(bookmark, Event(TicketEventType.StatusChanged, (TicketEventData.To, "solved"))));
        Assert.False(TicketEventFilter.Admits(bookmark, Event(TicketEventType.PriorityChanged)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("EventOfALaterVersion")]
    [InlineData("StatusChanged:to")]
    public void A_bookmark_without_a_filter_it_can_read_is_resumed_by_every_event(string? text)
    {
        var bookmark = Watching(text is null ? null : new Dictionary<string, string> { [TicketEventFilter.MetadataKey] = text });

        Assert.True(TicketEventFilter.Admits(bookmark, Event(TicketEventType.PriorityChanged)));
        Assert.True(TicketEventFilter.Admits(bookmark, Event(TicketEventType.TagAdded, (TicketEventData.Tag, "x"))));
    }

    [Fact]
    public void A_value_the_metadata_cannot_carry_widens_the_clause_to_its_event_type()
    {
        var filter = TicketEventFilter.When(TicketEventType.TagAdded, TicketEventData.Tag, "a;b=c");
        var bookmark = Watching(filter.ToMetadata());

        Assert.True(TicketEventFilter.Admits(bookmark, Event(TicketEventType.TagAdded, (TicketEventData.Tag, "a;b=c"))));
        Assert.True(TicketEventFilter.Admits(bookmark, Event(TicketEventType.TagAdded, (TicketEventData.Tag, "other"))));
        Assert.False(TicketEventFilter.Admits(bookmark, Event(TicketEventType.MessageAdded)));
    }
}
