using EscalationStudio.Metrics.Health;

namespace EscalationStudio.Metrics.Tests.Health;

/// <summary>The click-through lists of <see cref="HealthScenario"/>'s figures.</summary>
public sealed class TicketsBehindTests
{
    private readonly HealthScenario _s = new();

    [Fact]
    public void Each_figure_lists_the_tickets_of_its_numerator_and_denominator()
    {
        Assert.Equal(Ids(_s.Solved, _s.Reopened, _s.LateralOnly), Behind(HealthFigure.FirstTierResolution, FigureSide.Numerator));
        Assert.Equal(Ids(_s.Solved, _s.Reopened, _s.EscalatedTwice, _s.LateralOnly, _s.ToSpecialist), Behind(HealthFigure.FirstTierResolution, FigureSide.Denominator));
        Assert.Equal(Ids(_s.HandedBackAndEscalatedAgain, _s.DownToANewTier), Behind(HealthFigure.DeEscalationRate, FigureSide.Numerator));
        Assert.Equal(Ids(_s.HandedBackAndEscalatedAgain), Behind(HealthFigure.PingPong, FigureSide.Numerator));
        Assert.Equal(Ids(_s.EscalatedTwice, _s.ToSpecialist), Behind(HealthFigure.CsatEscalated, FigureSide.Denominator));
        Assert.Equal(Ids(_s.Solved), Behind(HealthFigure.CsatNotEscalated, FigureSide.Numerator));
        Assert.Equal(Ids(_s.EscalatedThenBreached), Behind(HealthFigure.SlaEscalatedBeforeBreach, FigureSide.Numerator, "first-response"));
        Assert.Equal(Ids(_s.BreachedThenEscalated, _s.EscalatedThenBreached), Behind(HealthFigure.SlaEscalatedBeforeBreach, FigureSide.Denominator, "first-response"));
        Assert.Equal(Ids(_s.EscalatedThenBreached), Behind(HealthFigure.SlaWarned, FigureSide.Numerator, "(not recorded)"));
        Assert.Equal(Ids(_s.EscalatedTwice, _s.HandedBackAndEscalatedAgain), Behind(HealthFigure.EscalatedByPolicy, FigureSide.Numerator, "refund-guard@3"));
        Assert.Equal(Ids(_s.EscalatedTwice, _s.HandedBackAndEscalatedAgain), Behind(HealthFigure.EscalatedByPolicy, FigureSide.Numerator, "refund-guard"));
        Assert.Equal(Ids(), Behind(HealthFigure.EscalatedByPolicy, FigureSide.Numerator, "refund-guard@2"));
        Assert.Equal(Ids(_s.HandedBackAndEscalatedAgain, _s.BreachedThenEscalated), Behind(HealthFigure.EscalatedByTrigger, FigureSide.Numerator, "sla"));
        Assert.Equal(Ids(_s.EscalatedTwice, _s.HandedBackAndEscalatedAgain, _s.DownToANewTier, _s.EscalatedThenBreached), Behind(HealthFigure.EscalatedManually, FigureSide.Numerator));
        Assert.Equal(Ids(_s.HandedBackAndEscalatedAgain, _s.DownToANewTier, _s.BreachedThenEscalated), Behind(HealthFigure.OpenInTier, FigureSide.Numerator, "tier-2"));
    }

    private HashSet<Guid> Behind(HealthFigure figure, FigureSide side, string? key = null) =>
        [.. EscalationHealth.TicketsBehind(_s.Summaries(), HealthFilter.All, new Figure(figure, key), side)];

    private static HashSet<Guid> Ids(params Histories.History[] tickets) => [.. tickets.Select(t => t.TicketId)];
}
