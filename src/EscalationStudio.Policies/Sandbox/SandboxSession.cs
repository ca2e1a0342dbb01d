using EscalationStudio.Domain.Tickets;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// A test run kept open: its own runtime, desk and clock stay alive, so a manager can inject what happens next (a
/// customer reply, a tag, a status) and see what the policy does with it. <see cref="Run"/> is the latest picture.
/// One event at a time; disposing the session ends the run's runtime.
/// </summary>
public sealed class SandboxSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SandboxClock _clock;
    private readonly WorkflowDefinition _definition;
    private readonly Guid? _copiedFrom;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<SandboxInjection> _injected = [];
    private string? _refused;
    private bool _disposed;

    internal SandboxSession(string id, WorkflowDefinition definition, ServiceProvider services, SandboxClock clock, DateTimeOffset start, Guid? copiedFrom)
    {
        Id = id;
        _definition = definition;
        _services = services;
        _clock = clock;
        _copiedFrom = copiedFrom;
        Run = new SandboxRun(id, definition.DefinitionId, definition.Version, definition.Name ?? definition.DefinitionId, null, "the run has not started yet", null, null,
            start, start, null, [], []);
    }

    public string Id { get; }

    /// <summary>What the run shows now.</summary>
    public SandboxRun Run { get; private set; }

    internal Guid? TicketId { get; set; }

    internal IReadOnlyDictionary<string, string> Steps { get; set; } = new Dictionary<string, string>();

    /// <summary>Whether events can still be injected: the policy loaded and the run's ticket exists.</summary>
    public bool AcceptsEvents => _refused is null && TicketId is not null && !_disposed;

    /// <summary>
    /// Applies <paramref name="injected"/> to the run's ticket at the run's current time, lets the policy react, then
    /// plays <see cref="SandboxEvent.ThenWait"/> of timers. Answers the run as it stands after.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run takes no events (the policy did not load, or the run was closed).</exception>
    /// <exception cref="TicketRuleViolationException">The ticket refuses the change (e.g. a status it cannot move to); nothing changed.</exception>
    public async Task<SandboxRun> InjectAsync(SandboxEvent injected, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!AcceptsEvents || TicketId is not { } ticketId)
            {
                throw new InvalidOperationException(_refused ?? "this test run is closed; start a new one");
            }

            var desk = _services.GetRequiredService<ITicketDesk>();
            var ticket = await desk.FindAsync(ticketId, cancellationToken) ?? throw new TicketNotFoundException(ticketId);
            await desk.ApplyAsync(ticketId, injected.ChangeFor(ticket), cancellationToken);
            _injected.Add(new SandboxInjection(_clock.GetUtcNow(), injected.Describe(), injected.By));
            await PolicySandbox.SettleAsync(_services, cancellationToken);
            await PolicySandbox.PlayTimersAsync(_services, _clock, _clock.GetUtcNow() + injected.ThenWait, cancellationToken);
            await RefreshLockedAsync(cancellationToken);
            return Run;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal void Refuse(string reason)
    {
        _refused = reason;
        Run = Run with { NotStartedReason = reason, SimulatedUntil = _clock.GetUtcNow() };
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await RefreshLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshLockedAsync(CancellationToken cancellationToken)
    {
        if (TicketId is not { } ticketId)
        {
            return;
        }

        var desk = _services.GetRequiredService<ITicketDesk>();
        var instances = await _services.GetRequiredService<IWorkflowInstanceStore>().ListAsync(
            new WorkflowInstanceQuery { DefinitionId = _definition.DefinitionId, CorrelationId = ticketId.ToString(), Take = 1 }, cancellationToken);
        var state = instances.Count == 0 ? null : await _services.GetRequiredService<WorkflowRuntime>().FindInstanceAsync(instances[0].Id, cancellationToken);
        Run = Run with
        {
            InstanceId = Run.InstanceId ?? (instances.Count == 0 ? null : instances[0].Id),
            NotStartedReason = instances.Count > 0 ? null
                : _copiedFrom is null
                    ? "the sample ticket set off none of the policy's triggers; give the run a ticket that should (input: subject, description, vip, lifetimeValue, …), or inject an event"
                    : "the copied ticket's history set off none of the policy's triggers; inject an event that should",
            Status = state?.Status.ToString(),
            SubStatus = state?.SubStatus.ToString(),
            SimulatedUntil = _clock.GetUtcNow(),
            Ticket = await desk.FindAsync(ticketId, cancellationToken),
            Timeline = await desk.GetTimelineAsync(ticketId, cancellationToken),
            Incidents = state?.Incidents ?? [],
            CopiedFrom = _copiedFrom,
            Steps = Steps,
            Injected = [.. _injected],
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                await _services.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A real ticket to test-run a policy on, as the live desk has it: it is copied into the run and never changed.</summary>
public sealed record TicketCopy(Ticket Ticket, IReadOnlyList<TicketEvent> Timeline);

/// <summary>An event a person injected into the run, when (run time) and what.</summary>
public sealed record SandboxInjection(DateTimeOffset At, string What, string By);
