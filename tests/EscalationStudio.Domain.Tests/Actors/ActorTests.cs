using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Domain.Tests.Actors;

public sealed class ActorTests
{
    [Theory]
    [InlineData("agent:ana.kovac")]
    [InlineData("policy:vip-escalation")]
    [InlineData("user:duty-manager")]
    [InlineData("system:escalation-studio")]
    public void Parse_reads_what_to_string_writes(string text) => Assert.Equal(text, Actor.Parse(text).ToString());

    [Theory]
    [InlineData("ana")]
    [InlineData(":ana")]
    [InlineData("robot:ana")]
    public void Parse_refuses_text_without_a_known_kind(string text) => Assert.Throws<FormatException>(() => Actor.Parse(text));
}
