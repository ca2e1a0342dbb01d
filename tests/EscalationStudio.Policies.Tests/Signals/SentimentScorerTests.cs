using EscalationStudio.Policies.Signals;

namespace EscalationStudio.Policies.Tests.Signals;

public sealed class SentimentScorerTests
{
    [Fact]
    public void Score_hostile_message_is_strongly_negative_and_names_the_words()
    {
        var score = SentimentScorer.Score("This is the worst service ever, absolutely unacceptable and I am furious.");
        Assert.True(score.Score < -0.8, $"score {score.Score}");
        Assert.Equal(["unacceptable", "furious", "worst"], score.Drivers.Take(3).Select(d => d.Word).ToArray());
    }

    [Fact]
    public void Score_grateful_message_is_positive() =>
        Assert.True(SentimentScorer.Score("Thanks, that was really helpful. Great support!").Score > 0.5);

    [Fact]
    public void Score_neutral_text_is_zero_without_drivers()
    {
        var score = SentimentScorer.Score("My order number is 4711 and the address is Main Street 5.");
        Assert.Equal(0, score.Score);
        Assert.Empty(score.Drivers);
    }

    [Fact]
    public void Score_negated_positive_word_turns_negative()
    {
        var score = SentimentScorer.Score("I am not happy with this.");
        Assert.True(score.Score < 0, $"score {score.Score}");
        Assert.Equal("happy", Assert.Single(score.Drivers).Word);
        Assert.True(score.Drivers[0].Contribution < 0);
    }

    [Fact]
    public void Score_contracted_negation_also_flips() =>
        Assert.True(SentimentScorer.Score("The fix doesn't work and it isn't helpful").Score < 0);

    [Fact]
    public void Score_negation_ends_at_the_clause() =>
        Assert.True(SentimentScorer.Score("Not a problem. Thanks, great job").Score > 0);

    [Fact]
    public void Score_intensifier_makes_it_stronger() =>
        Assert.True(SentimentScorer.Score("I am extremely disappointed").Score < SentimentScorer.Score("I am disappointed").Score);

    [Fact]
    public void Score_shouted_word_counts_more() =>
        Assert.True(SentimentScorer.Score("this is TERRIBLE").Score < SentimentScorer.Score("this is terrible").Score);

    [Fact]
    public void Score_quoted_earlier_mail_is_ignored() =>
        Assert.Equal(0, SentimentScorer.Score("See below.\n> you are useless and terrible").Score);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Score_no_text_is_neutral(string? text) => Assert.Equal(SentimentScore.Neutral, SentimentScorer.Score(text));

    [Fact]
    public void ScoreConversation_latest_message_weighs_most()
    {
        var calmedDown = SentimentScorer.ScoreConversation(["This is a terrible, useless product!", "Thanks, it works now. Great help."]);
        var turnedSour = SentimentScorer.ScoreConversation(["Thanks, it works now. Great help.", "This is a terrible, useless product!"]);
        Assert.True(calmedDown.Score > 0, $"calmed down {calmedDown.Score}");
        Assert.True(turnedSour.Score < 0, $"turned sour {turnedSour.Score}");
    }

    [Fact]
    public void ScoreConversation_no_messages_is_neutral() =>
        Assert.Equal(0, SentimentScorer.ScoreConversation([]).Score);
}
