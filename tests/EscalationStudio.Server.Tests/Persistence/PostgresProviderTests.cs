using System.Net;
using EscalationStudio.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Persistence;

public sealed class PostgresProviderTests
{
    [PostgresFact]
    public async Task The_api_runs_on_postgresql_through_its_migrations()
    {
        await using var server = new PostgresEscalationServer();
        var admin = server.Admin();
        var ticket = await admin.CreateTicketAsync(tags: ["postgres"], owner: EscalationServer.Tier1Agent);
        await admin.PostAsync($"/api/tickets/{ticket.Id()}/escalate", new { reason = "checking the provider" });
        await admin.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "on-hold" });

        var timeline = await (await admin.GetAsync($"/api/tickets/{ticket.Id()}/timeline")).ReadArrayAsync();
        Assert.Equal(["created", "escalation-requested", "status-changed"], timeline.Select(e => (string?)e!["type"]));
        var page = await (await admin.GetAsync("/api/tickets?status=on-hold&tag=postgres")).ReadObjectAsync();
        Assert.Equal(1, (int?)page["totalCount"]);
        var health = await server.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Npgsql", (string?)(await health.ReadObjectAsync())["database"]);
        var provider = await server.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<EscalationDbContext>().Database.ProviderName));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
    }
}
