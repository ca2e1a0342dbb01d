using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Server.Tests.Org;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Runtime;

/// <summary>A server whose workflows folder also holds the repository's retention fast-lane policy.</summary>
public sealed class RetentionPolicyServer : EscalationServer
{
    public RetentionPolicyServer()
    {
        var policy = Path.Combine(Root, "workflows", "escalation", "retention-fast-lane.json");
        Directory.CreateDirectory(Path.GetDirectoryName(policy)!);
        File.Copy(Path.Combine(RepositoryFolder.Path, "workflows", "escalation", "retention-fast-lane.json"), policy);
    }
}

public sealed class PolicyRuntimeTests(RetentionPolicyServer server) : IClassFixture<RetentionPolicyServer>
{
    [Fact]
    public async Task A_published_policy_acts_on_a_ticket_created_through_the_api()
    {
        var admin = server.Admin();

        var ticket = await admin.CreateTicketAsync(subject: "I want to cancel my subscription", email: "leaving@example.com");
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();

        var read = await (await admin.GetAsync($"/api/tickets/{ticket.Id()}")).ReadObjectAsync();
        Assert.Equal("retention", (string?)read["tier"]);
        var timeline = await (await admin.GetAsync($"/api/tickets/{ticket.Id()}/timeline")).ReadArrayAsync();
        var escalated = timeline.Single(e => (string?)e!["type"] == "escalated")!;
        Assert.Equal("policy:retention-fast-lane", (string?)escalated["actor"]);
        Assert.Equal("tier-1", (string?)escalated["data"]!["from"]);
        Assert.Contains(timeline, e => (string?)e!["data"]!["kind"] == "briefing-sent");
    }

    [Fact]
    public async Task A_ticket_without_a_trigger_word_stays_where_it_landed()
    {
        var admin = server.Admin();

        var ticket = await admin.CreateTicketAsync(subject: "How do I export invoices?", email: "staying@example.com");
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();

        var read = await (await admin.GetAsync($"/api/tickets/{ticket.Id()}")).ReadObjectAsync();
        Assert.Equal("tier-1", (string?)read["tier"]);
    }
}
