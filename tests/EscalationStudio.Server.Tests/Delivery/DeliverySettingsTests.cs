using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Tests.Delivery;

public sealed class DeliverySettingsTests
{
    [Theory]
    [InlineData("Escalation:Delivery:Email:Host", "", "Escalation:Delivery:Email:Host is required when Escalation:Delivery:Email:Enabled is true")]
    [InlineData("Escalation:Delivery:Email:From", "not-an-address", "Escalation:Delivery:Email:From must be the sender's e-mail address when e-mail is enabled (was 'not-an-address')")]
    [InlineData("Escalation:Delivery:Email:Port", "0", "Escalation:Delivery:Email:Port must be between 1 and 65535 (was 0)")]
    [InlineData("Escalation:Delivery:Email:UserName", "desk", "Escalation:Delivery:Email:Password is required with Escalation:Delivery:Email:UserName")]
    [InlineData("Escalation:Delivery:MaxAttempts", "0", "Escalation:Delivery:MaxAttempts must be between 1 and 100 (was 0)")]
    [InlineData("Escalation:Delivery:Lease", "00:00:10", "Escalation:Delivery:Lease must be at least four times Timeout")]
    public void An_email_setting_that_cannot_work_stops_the_host_at_start_naming_it(string setting, string value, string expected)
    {
        using var server = new EscalationServer();
        server.Settings["Escalation:Delivery:Email:Enabled"] = "true";
        server.Settings["Escalation:Delivery:Email:Host"] = "127.0.0.1";
        server.Settings["Escalation:Delivery:Email:From"] = "desk@example.com";
        server.Settings[setting] = value;

        var error = Assert.ThrowsAny<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_without_a_usable_url_stops_the_host_naming_the_webhook_but_not_its_url()
    {
        using var server = new EscalationServer();
        server.Settings["Escalation:Delivery:Chat:Enabled"] = "true";
        server.Settings["Escalation:Delivery:Chat:Webhooks:tier-2-room:Url"] = "ftp://hooks.example.com/secret-token";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("Escalation:Delivery:Chat:Webhooks:tier-2-room:Url must be an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_delivery_target_in_the_org_directory_is_reported_naming_the_field()
    {
        using var server = new EscalationServer();
        File.WriteAllText(server.OrgFile, File.ReadAllText(server.OrgFile).Replace("\"chat\": \"tier-2-room\"", "\"chat\": \"https://hooks.example.com/x\"", StringComparison.Ordinal));
        _ = server.Services;

        var loader = (EscalationStudio.Server.Org.OrgDirectoryLoader)server.Services.GetService(typeof(EscalationStudio.Server.Org.OrgDirectoryLoader))!;

        Assert.Contains(loader.LastErrors, e => e.Contains("tiers[1].delivery.chat: 'https://hooks.example.com/x' is not a webhook name", StringComparison.Ordinal));
    }
}
