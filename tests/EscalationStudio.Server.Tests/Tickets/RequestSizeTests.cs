using System.Net;
using EscalationStudio.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

public sealed class RequestSizeTests(KestrelEscalationServer server) : IClassFixture<KestrelEscalationServer>
{
    [Fact]
    public async Task An_oversized_request_is_refused_with_413_before_anything_is_stored()
    {
        using var client = server.OverHttp(EscalationServer.AdminKey);
        var huge = new string('a', 600 * 1024);

        var response = await client.PostAsync("/api/tickets", new { subject = "x", description = huge, requester = new { name = "Sam", email = "big@example.com" } });

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var stored = await server.InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().Tickets.CountAsync());
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task A_message_body_over_the_message_limit_is_a_400_naming_body()
    {
        using var client = server.OverHttp(EscalationServer.AdminKey);
        var ticket = await client.CreateTicketAsync();

        var response = await client.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "agent", body = new string('b', 65 * 1024 + 1) });

        await response.AssertInvalidFieldAsync("body");
    }
}
