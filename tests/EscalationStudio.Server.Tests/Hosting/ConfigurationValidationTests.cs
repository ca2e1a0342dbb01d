using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Tests.Hosting;

public sealed class ConfigurationValidationTests
{
    [Fact]
    public void Postgres_without_a_connection_string_stops_the_host_at_start_naming_the_setting()
    {
        using var server = new EscalationServer();
        server.Settings["Escalation:Provider"] = "Postgres";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("ConnectionStrings:Escalation", error.Message);
    }

    [Fact]
    public void An_agent_key_without_an_agent_stops_the_host_at_start()
    {
        using var server = new EscalationServer();
        server.Settings["Auth:ApiKeys:5:Key"] = "agent-key-without-agent-0001";
        server.Settings["Auth:ApiKeys:5:Role"] = "agent";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("agentId", error.Message);
    }

    [Fact]
    public void An_unknown_role_or_a_short_key_stops_the_host_at_start()
    {
        using var server = new EscalationServer();
        server.Settings["Auth:ApiKeys:5:Key"] = "short";
        server.Settings["Auth:ApiKeys:5:Role"] = "superuser";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("superuser", error.Message);
        Assert.Contains("at least 16 characters", error.Message);
    }
}
