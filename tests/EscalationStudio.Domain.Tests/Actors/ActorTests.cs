using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Domain.Tests.Actors;

public sealed class ActorTests
{
    [Theory]
    [InlineData("agent:ana.kovac")]
    [InlineData("policy:vip-escalation")]
    [InlineData("user:duty-manager")]
    [InlineData("system:escalation-studio")]
    public void Parse_ReadsWhatToStringWrites(string text) => Assert.Equal(text, Actor.Parse(text).ToString());

    [Theory]
    [InlineData("ana")]
    [InlineData(":ana")]
    [InlineData("robot:ana")]
    public void Parse_RefusesTextWithoutAKnownKind(string text) => Assert.Throws<FormatException>(() => Actor.Parse(text));
}
