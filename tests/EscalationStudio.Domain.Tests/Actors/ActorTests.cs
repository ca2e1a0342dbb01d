using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Domain.Tests.Actors;

public sealed class ActorTests
{
    [Theory]
    [InlineData("agent:ana.kovac")]
    [InlineData("policy:vip-escalation")]
    [InlineData("user:duty-manager")]
    [InlineData("system:escalation-studio")]
    [InlineData("customer:0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void Parse_reads_what_to_string_writes(string text) => Assert.Equal(text, Actor.Parse(text).ToString());

    [Fact]
    public void Every_kind_is_written_as_its_name_in_lower_case()
    {
        foreach (var kind in Enum.GetValues<ActorKind>())
        {
            Assert.Equal($"{kind.ToString().ToLowerInvariant()}:someone", new Actor(kind, "someone").ToString());
        }
    }

    [Theory]
    [InlineData("ana")]
    [InlineData(":ana")]
    [InlineData("robot:ana")]
    public void Parse_refuses_text_without_a_known_kind(string text) => Assert.Throws<FormatException>(() => Actor.Parse(text));
}
