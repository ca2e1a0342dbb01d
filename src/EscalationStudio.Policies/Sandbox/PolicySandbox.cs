using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// Test-runs one policy version against a sample ticket in a runtime of its own: in-memory instance, bookmark and
/// trigger stores, an in-memory ticket desk applying the real Ticket verbs with the live org directory, and its own
/// clock. Only the policy under test is published there, so no live policy reacts and no live ticket is touched.
/// Its scripts run under the live engine's <see cref="ScriptLimits"/>, so a test run breaks no limit a live run would keep.
/// </summary>
public sealed class PolicySandbox(
    IOrgDirectorySource org,
    TemplateLibrary templates,
    TimeProvider liveClock,
    ILoggerFactory loggers,
    IAgentWorkload? liveWorkload = null,
    ScriptLimits? scriptLimits = null)
{
    /// <summary>A policy whose timers keep re-arming (an SLA warning loop) stops being followed after this many firings.</summary>
    public const int MaxTimerFirings = 500;

    /// <summary>Runs the policy on the sample ticket to the end of its <see cref="SampleTicket.RunFor"/>, and closes the run.</summary>
    /// <exception cref="SampleTicketException">The sample ticket names a tier the org directory does not have.</exception>
    public async Task<SandboxRun> RunAsync(WorkflowDefinition definition, SampleTicket sample, CancellationToken cancellationToken = default)
    {
        await using var session = await StartAsync(definition, sample, copyOf: null, cancellationToken);
        return session.Run;
    }

    /// <summary>
    /// Starts a test run that stays open for events (<see cref="SandboxSession.InjectAsync"/>): on the sample ticket,
    /// or on a copy of a real ticket with its history when <paramref name="copyOf"/> is given. The real ticket is only
    /// read: the run's copy lives in the run's own desk, and the policy under test sees its past events as they
    /// happened, then the run's clock plays <see cref="SampleTicket.RunFor"/> ahead.
    /// </summary>
    /// <exception cref="SampleTicketException">The sample ticket names a tier the org directory does not have.</exception>
    public async Task<SandboxSession> StartAsync(WorkflowDefinition definition, SampleTicket sample, TicketCopy? copyOf, CancellationToken cancellationToken = default)
    {
        var start = new DateTimeOffset(liveClock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var clock = new SandboxClock(start);
        if (copyOf is null && sample.Ticket.TierId is { } tier && org.Current.FindTier(tier) is null)
        {
            throw new SampleTicketException("tier", $"'{tier}' is not a tier of the org directory ({string.Join(", ", org.Current.Tiers.Select(t => t.Id))})");
        }

        var services = Isolated(clock);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var desk = (InMemoryTicketDesk)services.GetRequiredService<ITicketDesk>();
        var runId = Guid.CreateVersion7(start).ToString("N");
        var underTest = definition.Clone();
        underTest.IsPublished = true;
        var session = new SandboxSession(runId, definition, services, clock, start, copyOf?.Ticket.Id);
        try
        {
            await runtime.PublishAsync(underTest, cancellationToken);
        }
        catch (WorkflowValidationException invalid)
        {
            session.Refuse($"the policy does not load: {invalid.Message}");
            return session;
        }

        session.Steps = services.GetRequiredService<PolicyNames>().Steps(underTest);
        var ticket = copyOf is null
            ? await desk.CreateAsync(sample.Ticket, Actor.System, cancellationToken)
            : await desk.AdoptAsync(copyOf.Ticket, copyOf.Timeline, cancellationToken);
        session.TicketId = ticket.Id;
        await SettleAsync(services, cancellationToken);
        if (copyOf is null && (await services.GetRequiredService<ITriggerStore>().ListAsync(cancellationToken)).Count == 0)
        {
            // A policy without a trigger (a fragment being built) runs from its start against the sample ticket, as
            // Elsa's Run starts a workflow that has no trigger.
            await runtime.StartAsync(underTest.Id, new StartWorkflowRequest
            {
                CorrelationId = ticket.Id.ToString(),
                Input = new Dictionary<string, object?>
                {
                    [TicketStimuli.TicketIdInput] = ticket.Id.ToString(),
                    [TicketStimuli.EventTypeInput] = TicketEventType.Created.ToString(),
                    [TicketStimuli.ReasonInput] = "test run of a policy without a trigger",
                    [TicketStimuli.DetailsInput] = Array.Empty<string>(),
                },
            }, cancellationToken);
            await SettleAsync(services, cancellationToken);
        }

        await PlayTimersAsync(services, clock, start + sample.RunFor, cancellationToken);
        await session.RefreshAsync(cancellationToken);
        return session;
    }

    private ServiceProvider Isolated(SandboxClock clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(org);
        services.AddSingleton(templates);
        if (liveWorkload is not null)
        {
            // Least-loaded picks read the live team's load; reading it changes nothing.
            services.AddSingleton(liveWorkload);
        }

        services.AddSingleton<ITicketDesk>(provider => new InMemoryTicketDesk(org, clock, provider.GetServices<ITicketEventObserver>));
        services.AddWorkflowEngine(engine =>
        {
            engine.ScriptLimits = scriptLimits ?? new ScriptLimits();
            engine.AddEscalationActivities();
        });
        services.AddEscalationPolicies(templates.Root, useQuartz: false);
        // One ticket at a time: a test run replays the same way every time, and the in-memory desk is single-threaded.
        services.Configure<PolicyDispatchOptions>(options => options.TicketsAtOnce = 1);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Dispatches every queued ticket event, including those the policy causes, until none is left.</summary>
    internal static async Task SettleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<PolicyDispatcher>().DispatchQueuedAsync(cancellationToken);
    }

    /// <summary>Jumps the sandbox clock from one due timer to the next until <paramref name="until"/>, as if nobody touched the ticket meanwhile.</summary>
    internal static async Task PlayTimersAsync(IServiceProvider services, SandboxClock clock, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var bookmarks = services.GetRequiredService<IBookmarkStore>();
        var timers = services.GetRequiredService<DueTimers>();
        for (var firings = 0; firings < MaxTimerFirings; firings++)
        {
            var due = await bookmarks.ListDueAsync(until, cancellationToken);
            if (due.Select(b => b.Bookmark.DueAt).Where(at => at is not null).Min() is not { } next)
            {
                break;
            }

            clock.MoveTo(next);
            await timers.FireDueAsync(clock.GetUtcNow(), cancellationToken);
            await SettleAsync(services, cancellationToken);
        }

        clock.MoveTo(until);
    }
}
