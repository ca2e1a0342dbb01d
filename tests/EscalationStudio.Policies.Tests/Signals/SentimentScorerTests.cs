using EscalationStudio.Policies.Signals;

namespace EscalationStudio.Policies.Tests.Signals;

public sealed class SentimentScorerTests
{
    [Fact]
    public void Score_HostileMessage_IsStronglyNegativeAndNamesTheWords()
    {
        var score = SentimentScorer.Score("This is the worst service ever, absolutely unacceptable and I am furious.");
        Assert.True(score.Score < -0.8, $"score {score.Score}");
        Assert.Equal(["unacceptable", "furious", "worst"], score.Drivers.Take(3).Select(d => d.Word).ToArray());
    }

    [Fact]
    public void Score_GratefulMessage_IsPositive() =>
        Assert.True(SentimentScorer.Score("Thanks, that was really helpful. Great support!").Score > 0.5);

    [Fact]
    public void Score_NeutralText_IsZeroWithoutDrivers()
    {
        var score = SentimentScorer.Score("My order number is 4711 and the address is Main Street 5.");
        Assert.Equal(0, score.Score);
        Assert.Empty(score.Drivers);
    }

    [Fact]
    public void Score_NegatedPositiveWord_TurnsNegative()
    {
        var score = SentimentScorer.Score("I am not happy with this.");
        Assert.True(score.Score < 0, $"score {score.Score}");
        Assert.Equal("happy", Assert.Single(score.Drivers).Word);
        Assert.True(score.Drivers[0].Contribution < 0);
    }

    [Fact]
    public void Score_ContractedNegation_AlsoFlips() =>
        Assert.True(SentimentScorer.Score("The fix doesn't work and it isn't helpful").Score < 0);

    [Fact]
    public void Score_NegationEndsAtTheClause() =>
        Assert.True(SentimentScorer.Score("Not a problem. Thanks, great job").Score > 0);

    [Fact]
    public void Score_Intensifier_MakesItStronger() =>
        Assert.True(SentimentScorer.Score("I am extremely disappointed").Score < SentimentScorer.Score("I am disappointed").Score);

    [Fact]
    public void Score_ShoutedWord_CountsMore() =>
        Assert.True(SentimentScorer.Score("this is TERRIBLE").Score < SentimentScorer.Score("this is terrible").Score);

    [Fact]
    public void Score_QuotedEarlierMail_IsIgnored() =>
        Assert.Equal(0, SentimentScorer.Score("See below.\n> you are useless and terrible").Score);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Score_NoText_IsNeutral(string? text) => Assert.Equal(SentimentScore.Neutral, SentimentScorer.Score(text));

    [Fact]
    public void ScoreConversation_LatestMessageWeighsMost()
    {
        var calmedDown = SentimentScorer.ScoreConversation(["This is a terrible, useless product!", "Thanks, it works now. Great help."]);
        var turnedSour = SentimentScorer.ScoreConversation(["Thanks, it works now. Great help.", "This is a terrible, useless product!"]);
        Assert.True(calmedDown.Score > 0, $"calmed down {calmedDown.Score}");
        Assert.True(turnedSour.Score < 0, $"turned sour {turnedSour.Score}");
    }

    [Fact]
    public void ScoreConversation_NoMessages_IsNeutral() =>
        Assert.Equal(0, SentimentScorer.ScoreConversation([]).Score);
}
