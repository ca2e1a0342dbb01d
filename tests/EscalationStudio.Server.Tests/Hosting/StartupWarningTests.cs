namespace EscalationStudio.Server.Tests.Hosting;

public sealed class StartupWarningTests
{
    [Fact]
    public void A_key_for_an_agent_missing_from_the_org_directory_is_reported_at_start()
    {
        using var server = new EscalationServer();
        server.Settings["Auth:ApiKeys:5:Key"] = "ghost-agent-key-0000000001";
        server.Settings["Auth:ApiKeys:5:Role"] = "agent";
        server.Settings["Auth:ApiKeys:5:AgentId"] = "ghost.agent";

        _ = server.CreateClient();

        lock (server.Logs)
        {
            Assert.Contains(server.Logs, line => line.Contains("'ghost.agent'", StringComparison.Ordinal));
            Assert.DoesNotContain(server.Logs, line => line.Contains("'ana.kovac'", StringComparison.Ordinal));
        }
    }
}
