using System.Net;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EscalationStudio.Server.Tests.Durability;

/// <summary>When the policies fall behind, ticket changes are refused with 503 and Retry-After; reading goes on.</summary>
public sealed class BackpressureTests
{
    [Fact]
    public async Task Ticket_changes_are_answered_503_with_retry_after_while_the_policy_queue_is_full_and_reads_still_work()
    {
        await using var server = new StalledDispatcherServer();
        var admin = server.Admin();
        var ticket = (await admin.CreateTicketAsync()).Id();
        var first = await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "Any news?" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(server.Services.GetRequiredService<PolicyEventQueue>().IsSaturated);

        var refused = await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "Hello?" });
        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("nothing was changed", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tickets/{ticket}")).StatusCode);
        Assert.DoesNotContain(await admin.TimelineAsync(ticket), e => e.Data("body") == "Hello?");
    }

    /// <summary>A queue of one commit and no dispatcher running: the second commit overflows it.</summary>
    private sealed class StalledDispatcherServer : EscalationServer
    {
        public StalledDispatcherServer()
        {
            Settings["Escalation:Dispatch:QueueCapacity"] = "1";
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var dispatch = services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(PolicyDispatchService));
                services.Remove(dispatch);
            });
        }
    }
}
