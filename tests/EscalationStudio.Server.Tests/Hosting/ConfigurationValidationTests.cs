using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Hosting;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory]
    [InlineData("Escalation:Dispatch:TicketsAtOnce", "0", "Escalation:Dispatch:TicketsAtOnce must be at least 1 (was 0)")]
    [InlineData("Escalation:Dispatch:SweepInterval", "00:00:00", "Escalation:Dispatch:SweepInterval must be longer than 00:00:00 (was 00:00:00)")]
    [InlineData("Escalation:BacklogCoverage:PageSize", "0", "Escalation:BacklogCoverage:PageSize must be at least 1 (was 0)")]
    [InlineData("Escalation:PolicyHealth:FaultedRunsToSuspend", "1", "Escalation:PolicyHealth:FaultedRunsToSuspend must be between 2 and 10000 (was 1)")]
    public void A_policy_setting_that_cannot_work_stops_the_host_at_start_naming_the_setting(string setting, string value, string expected)
    {
        using var server = new EscalationServer();
        server.Settings[setting] = value;

        var error = Assert.ThrowsAny<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_validators_are_registered_by_their_owners_not_by_the_request_validator_scan()
    {
        using var server = new EscalationServer();

        Assert.Null(server.Services.GetService<IValidator<AuthOptions>>());
        Assert.Null(server.Services.GetService<IValidator<EscalationOptions>>());
        Assert.NotNull(server.Services.GetService<AuthOptionsValidator>());
        Assert.NotNull(server.Services.GetService<EscalationOptionsValidator>());
    }
}
