using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Policies.Tests.Briefings;
using EscalationStudio.Policies.Tests.Designer;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>
/// The policy runtime as the server wires it (engine, escalation activities, dispatcher, timers, briefings over the
/// repository's templates/) over an in-memory ticket desk, with a fake clock that tests move by hand.
/// </summary>
internal sealed class PolicyHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public PolicyHarness(OrgDirectory org, DateTimeOffset start, bool useQuartz = false, Action<IServiceCollection>? configure = null)
    {
        Clock = new FakeTimeProvider(start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IOrgDirectorySource>(new FixedOrg(org));
        services.AddSingleton<ITicketDesk>(provider => new InMemoryTicketDesk(
            provider.GetRequiredService<IOrgDirectorySource>(), Clock, provider.GetServices<ITicketEventObserver>));
        services.AddWorkflowEngine(builder => builder.AddEscalationActivities());
        services.AddEscalationPolicies(Path.Combine(SampleTemplateTests.RepositoryRoot(), "templates"), useQuartz);
        // The in-memory desk is single-threaded (as in the sandbox); the server's EF desk takes several tickets at once.
        services.Configure<PolicyDispatchOptions>(options => options.TicketsAtOnce = 1);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; }

    public ITicketDesk Desk => _services.GetRequiredService<ITicketDesk>();

    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();

    public ManualTimerBackend Timers => (ManualTimerBackend)_services.GetRequiredService<ITimerBackend>();

    public IServiceProvider Services => _services;

    public async Task PublishAsync(WorkflowDefinition definition)
    {
        definition.IsPublished = true;
        await Runtime.PublishAsync(definition);
    }

    public async Task<Ticket> OpenAsync(string subject, string description, bool vip = false, decimal lifetimeValue = 0)
    {
        var ticket = await Desk.CreateAsync(new NewTicket(subject, description,
            new NewTicketRequester("Maria Lopez", $"maria{Guid.NewGuid():N}@example.com", "Lopez GmbH", lifetimeValue, vip), TicketChannel.Email), Actor.System);
        await SettleAsync();
        return ticket;
    }

    /// <summary>Runs the policies on every queued ticket event, including the events the policies cause, until none is left.</summary>
    public async Task SettleAsync()
    {
        await _services.GetRequiredService<PolicyDispatcher>().DispatchQueuedAsync();
    }

    /// <summary>Moves the fake clock and fires the timers due by then, as Quartz would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await _services.GetRequiredService<DueTimers>().FireDueAsync(Clock.GetUtcNow());
        await SettleAsync();
    }

    public async Task<IReadOnlyList<TicketEvent>> TimelineAsync(Guid ticketId) => await Desk.GetTimelineAsync(ticketId);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
