using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

public sealed class ConcurrentChangeTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    [Fact]
    public async Task Concurrent_changes_to_one_ticket_all_land_with_a_gapless_sequence()
    {
        var ticket = await server.Admin().CreateTicketAsync();
        var id = Guid.Parse(ticket.Id());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            server.InDeskAsync(desk => desk.AddTagAsync(id, $"tag-{i}", Actor.Policy("tagger"))))));

        var timeline = await server.InDeskAsync(desk => desk.GetTimelineAsync(id));
        Assert.Equal(Enumerable.Range(1, 5), timeline.Select(e => e.Sequence));
        var stored = await server.InDeskAsync(desk => desk.FindAsync(id));
        Assert.Equal(4, stored!.Tags.Count);
    }
}
