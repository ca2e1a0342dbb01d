using EscalationStudio.Policies.Backlog;
using EscalationStudio.Policies.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Tests.Settings;

public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData(0, 1, "Escalation:Dispatch:TicketsAtOnce must be at least 1 (was 0)")]
    [InlineData(4, 0, "Escalation:Dispatch:QueueCapacity must be at least 1 (was 0)")]
    public void Dispatch_settings_that_cannot_work_are_refused_by_name(int ticketsAtOnce, int queueCapacity, string expected)
    {
        var refused = Refused<PolicyDispatchOptions>(o =>
        {
            o.TicketsAtOnce = ticketsAtOnce;
            o.QueueCapacity = queueCapacity;
        });

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backlog_page_that_reads_no_ticket_is_refused_by_name()
    {
        var refused = Refused<BacklogCoverageOptions>(o => o.PageSize = 0);

        Assert.Contains("Escalation:BacklogCoverage:PageSize must be at least 1 (was 0)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        using var provider = Policies(_ => { });

        Assert.Equal(4, provider.GetRequiredService<IOptions<PolicyDispatchOptions>>().Value.TicketsAtOnce);
        Assert.Equal(500, provider.GetRequiredService<IOptions<BacklogCoverageOptions>>().Value.PageSize);
    }

    private static OptionsValidationException Refused<TOptions>(Action<TOptions> configure)
        where TOptions : class
    {
        using var provider = Policies(services => services.Configure(configure));
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TOptions>>().Value);
    }

    private static ServiceProvider Policies(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddEscalationPolicies("templates", useQuartz: false);
        configure(services);
        return services.BuildServiceProvider();
    }
}
