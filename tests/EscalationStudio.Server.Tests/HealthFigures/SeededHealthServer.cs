using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace EscalationStudio.Server.Tests.HealthFigures;

/// <summary>
/// A server with five tickets over two weeks whose figures are worked out by hand (no policy runs on them):
/// week of Mon 23 Nov: A (e-mail, normal, tier-1, escalated to tier-2 by hand), B (chat, urgent, VIP, solved in
/// tier-1), C (e-mail, high, escalated to tier-2 for katrin.vogel, then handed back to tier-1);
/// week of Mon 30 Nov: D (phone, normal, opened in tier-2 for katrin.vogel), E (e-mail, low, VIP, escalated to tier-2).
/// </summary>
public sealed class SeededHealthServer : EscalationServer, IAsyncLifetime
{
    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    public string C { get; private set; } = "";

    public string D { get; private set; } = "";

    public string E { get; private set; } = "";

    public async Task InitializeAsync() => (A, B, C, D, E) = await SeedAsync(Admin(), Clock);

    /// <summary>Writes the five tickets through the API (also for the dashboard's server on Kestrel); their ids A to E.</summary>
    internal static async Task<(string A, string B, string C, string D, string E)> SeedAsync(HttpClient admin, FakeTimeProvider clock)
    {
        var a = (await admin.CreateTicketAsync(subject: "A", owner: Tier1Agent)).Id();
        await Ok(admin.PostAsync($"/api/tickets/{a}/escalate", new { reason = "needs tier 2", tier = "tier-2" }));
        var b = (await CreateAsync(admin, "B", "chat", "urgent", vip: true)).Id();
        await Ok(admin.PostAsync($"/api/tickets/{b}/status", new { status = "solved" }));
        var c = (await admin.CreateTicketAsync(subject: "C", priority: "high")).Id();
        clock.Advance(TimeSpan.FromHours(2));
        await Ok(admin.PostAsync($"/api/tickets/{c}/escalate", new { reason = "needs tier 2", tier = "tier-2", owner = Tier2Agent }));
        await Ok(admin.PostAsync($"/api/tickets/{c}/de-escalate", new { tier = "tier-1", note = "config fixed, customer to confirm" }));

        clock.Advance(TimeSpan.FromDays(7));
        var d = (await CreateAsync(admin, "D", "phone", "normal", vip: false, tier: "tier-2", owner: Tier2Agent)).Id();
        var e = (await CreateAsync(admin, "E", "email", "low", vip: true)).Id();
        clock.Advance(TimeSpan.FromHours(4));
        await Ok(admin.PostAsync($"/api/tickets/{e}/escalate", new { reason = "needs tier 2", tier = "tier-2" }));
        return (a, b, c, d, e);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonObject> CreateAsync(HttpClient client, string subject, string channel, string priority, bool vip, string? tier = null, string? owner = null)
    {
        var response = await client.PostAsync("/api/tickets", new
        {
            subject,
            description = "Seeded for the escalation-health tests.",
            requester = new { name = "Seed Customer", email = $"{subject.ToLowerInvariant()}@example.com", vip },
            channel,
            priority,
            tier,
            owner,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadObjectAsync();
    }
}
