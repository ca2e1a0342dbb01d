using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Policies.Tests.Replay;

public sealed class ReplayPathTests
{
    [Fact]
    public void A_path_reads_back_as_written_and_names_its_tiers_and_movers_as_asked()
    {
        var path = new ReplayPath("tier-1", [("billing", "retention-fast-lane"), ("tier-1", "agent:ana")]);

        var read = ReplayPath.Parse(path.ToString())!;

        Assert.Equal("tier-1 → billing (retention-fast-lane) → tier-1 (agent:ana)", path.ToString());
        Assert.Equal("tier-1", read.FirstTier);
        Assert.Equal([("billing", "retention-fast-lane"), ("tier-1", "agent:ana")], read.Moves);
        Assert.Equal("Tier 1 → Billing (Retention fast lane) → Tier 1 (Ana)",
            read.Describe(t => t == "tier-1" ? "Tier 1" : "Billing", by => by == "agent:ana" ? "Ana" : "Retention fast lane"));
    }

    [Theory]
    [InlineData("tier-1")]
    [InlineData("managers (a tier with a note)")]
    public void A_ticket_that_never_moved_is_its_first_tier(string text)
    {
        var read = ReplayPath.Parse(text)!;

        Assert.Equal(text, read.FirstTier);
        Assert.Empty(read.Moves);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tier-1 → billing")]
    [InlineData("tier-1 → billing (policy")]
    public void Text_that_is_no_path_is_not_read_as_one(string? text) => Assert.Null(ReplayPath.Parse(text));
}
