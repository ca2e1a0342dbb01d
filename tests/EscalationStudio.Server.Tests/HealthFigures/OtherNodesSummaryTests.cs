using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Server.HealthFigures;
using EscalationStudio.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.HealthFigures;

/// <summary>
/// Two servers on one PostgreSQL database: each folds what the other commits into its figures, including a ticket
/// both changed, and reads only what it has not seen.
/// </summary>
public sealed class OtherNodesSummaryTests
{
    [PostgresFact]
    public async Task A_node_s_figures_take_in_the_other_node_s_changes_to_its_own_tickets_and_to_new_ones()
    {
        await using var a = new PostgresEscalationServer();
        _ = a.Services;
        await using var b = a.SecondNode();
        _ = b.Services;
        var summaries = a.Services.GetRequiredService<LiveTicketSummaries>();

        // A ticket opened on A (and folded there) then escalated on B, and one B opened and escalated on its own; A has
        // folded its history before, so B's changes can reach its figures only through its reads of other nodes.
        await summaries.WhenCaughtUpAsync();
        var shared = await a.InDeskAsync(desk => desk.CreateAsync(NewTicket("shared@example.com"), Actor.User("admin")));
        await summaries.WhenCaughtUpAsync();
        await b.InDeskAsync(desk => desk.EscalateAsync(shared.Id, "tier-2", EscalationServer.Tier2Agent, "above the cap", Actor.User("admin")));
        var theirs = await b.InDeskAsync(desk => desk.CreateAsync(NewTicket("theirs@example.com"), Actor.User("admin")));
        await b.InDeskAsync(desk => desk.EscalateAsync(theirs.Id, "tier-2", EscalationServer.Tier2Agent, "above the cap", Actor.User("admin")));

        // A reads other nodes' commits every OtherNodesInterval (5 s) of its clock.
        TicketSummary?[] seen = [null, null];
        for (var round = 0; round < 100 && !seen.All(s => s is { Tier: "tier-2", Escalations: 1 }); round++)
        {
            a.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
            await summaries.WhenCaughtUpAsync();
            seen = await summaries.ReadAsync(all => new[] { shared.Id, theirs.Id }.Select(id => all.FirstOrDefault(s => s.TicketId == id)).ToArray(), CancellationToken.None);
        }

        Assert.Equal(2, seen.Length);
        Assert.All(seen, s => Assert.Equal(("tier-2", 1, 2), (s!.Tier, s.Escalations, s.Version)));
    }

    private static NewTicket NewTicket(string email) =>
        new("Changed on two nodes", "", new NewTicketRequester("Jo Park", email), TicketChannel.Email);

}
