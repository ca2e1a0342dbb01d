using EscalationStudio.Domain.Calendars;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Tests.Briefings;

public sealed class BriefingBuilderTests
{
    private static BriefingModel Build(string timeZone = "UTC")
    {
        var ticket = SupportDesk.EscalatedTicket();
        var now = SupportDesk.Monday9.AddHours(1).AddMinutes(1);
        var sla = SlaClock.Evaluate(SlaTarget.Of(SlaMetric.Resolution, TimeSpan.FromHours(8), 50, 75, 90), BusinessClock.AroundTheClock(), ticket.UncommittedEvents, now);
        var request = new BriefingRequest(
            SupportDesk.ToRetention(),
            SupportDesk.RetentionPolicy,
            [sla],
            KeywordMatcher.Parse("refund, cancel*, legal"),
            TimeZone: timeZone);
        return BriefingBuilder.Build(ticket, ticket.UncommittedEvents, SupportDesk.Org, request, now);
    }

    [Fact]
    public void Build_shows_names_instead_of_ids()
    {
        var handover = Build().Handover;
        Assert.Equal(("Tier 1", "Ana Kovač", "Retention specialists", "Ben Okafor"), (handover.FromTier, handover.FromOwner, handover.ToTier, handover.ToOwner));
    }

    [Fact]
    public void Build_tier_history_records_creation_and_escalation_with_the_policy()
    {
        var history = Build().TierHistory;
        Assert.Equal(["created", "escalated"], history.Select(s => s.Kind).ToArray());
        Assert.Equal("retention-fast-lane", history[1].Policy);
        Assert.Equal("customer threatens to cancel", history[1].Reason);
    }

    [Fact]
    public void Build_conversation_digest_counts_and_quotes_messages_including_internal_notes()
    {
        var conversation = Build().Conversation;
        Assert.Equal((1, 1, 1), (conversation.CustomerMessageCount, conversation.AgentReplyCount, conversation.InternalNoteCount));
        Assert.Equal(["agent", "internal-note", "customer"], conversation.Recent.Select(m => m.Author).ToArray());
        Assert.Equal("Maria Lopez", conversation.Recent[2].AuthorName);
    }

    [Fact]
    public void Build_signals_explain_the_escalation()
    {
        var signals = Build().Signals;
        Assert.True(signals.Sentiment < 0);
        Assert.Contains("unacceptable", signals.SentimentWords);
        Assert.Equal(["refund", "cancel*"], signals.Keywords);
        Assert.Equal("speak to a manager", signals.ManagerRequestPhrase);
    }

    [Fact]
    public void Build_authority_lists_what_the_receiving_tier_may_do()
    {
        var authority = Build().Authority;
        Assert.Equal(1000m, authority.RefundCap);
        Assert.Contains("approve refunds up to 1,000", authority.Abilities);
        Assert.Contains("close tickets of VIP customers", authority.Abilities);
    }

    [Fact]
    public void Build_sla_is_described_in_words()
    {
        var sla = Assert.Single(Build().Sla);
        Assert.Equal(("resolution", "running", "8h", "1h 1m"), (sla.Metric, sla.Phase, sla.Target, sla.Elapsed));
    }

    [Fact]
    public void Build_shows_times_in_the_requested_zone()
    {
        var model = Build("Europe/Berlin");
        Assert.Equal(TimeSpan.FromHours(1), model.Ticket.CreatedAt.Offset);
        Assert.Equal("Europe/Berlin", model.TimeZone);
    }

    [Theory]
    [InlineData(45, "45m")]
    [InlineData(120, "2h")]
    [InlineData(150, "2h 30m")]
    [InlineData(80 * 60, "3d 8h")]
    public void Duration_is_short_and_readable(int minutes, string text) =>
        Assert.Equal(text, BriefingBuilder.Duration(TimeSpan.FromMinutes(minutes)));
}
