using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Health;

/// <summary>
/// Suspends a policy whose runs keep faulting, instead of letting every matching ticket event or timer run it into the
/// same fault again (and, before the sandbox was bounded, crash the server each time). It hears every run of the
/// runtime; <see cref="PolicyHealthOptions.FaultedRunsToSuspend"/> faulted runs in a row within
/// <see cref="PolicyHealthOptions.Window"/> suspend the policy: an error is logged and an incident of type
/// <see cref="IncidentType"/> is stored with the last faulted instance. The runtime then starts and resumes nothing of
/// it (its waiting timers and bookmarks stay) until a manager publishes it again or calls <see cref="Resume"/>.
/// Suspensions are kept by this node, in memory: a restart gives the policy a fresh count.
/// </summary>
public sealed partial class PolicyHealth(
    IIncidentStore incidents,
    TimeProvider clock,
    IOptions<PolicyHealthOptions> options,
    ILogger<PolicyHealth> logger,
    IMeterFactory? meters = null) : IWorkflowRunGuard, IWorkflowPublishObserver, IDisposable
{
    public const string IncidentType = "Escalation.PolicySuspended";
    public const string RunsInstrument = "escalation.policy.runs";
    public const string FaultsInstrument = "escalation.policy.faults";

    // A host's meter factory owns its meters; without one (a bare service collection) this instance does.
    private readonly Meter? _ownMeter = meters is null ? new Meter(TimerLag.MeterName) : null;
    private Counter<long>? _runs;
    private Counter<long>? _faults;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FaultStreak> _streaks = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, PolicySuspension> _suspended = ImmutableDictionary.Create<string, PolicySuspension>(StringComparer.Ordinal);

    public event EventHandler? HoldsChanged;

    /// <summary>The suspended policies, for the health check and the policy list.</summary>
    public IReadOnlyCollection<PolicySuspension> Suspended => _suspended.Values.ToList();

    public PolicySuspension? FindSuspension(string definitionId) => _suspended.GetValueOrDefault(definitionId);

    public bool Admits(string definitionId) => !_suspended.ContainsKey(definitionId);

    public ValueTask RunSavedAsync(WorkflowRunResult result, WorkflowState? previous, CancellationToken cancellationToken = default)
    {
        var state = result.State;
        var fault = state.Incidents.Skip(previous?.Incidents.Count ?? 0).LastOrDefault();
        CountRun(state.DefinitionId, faulted: fault is not null);
        return fault is null
            ? RanWell(state.DefinitionId)
            : FaultedAsync(state.DefinitionId, state.Id, $"activity '{fault.ActivityId}': {fault.Message}", cancellationToken);
    }

    public ValueTask RunFailedAsync(string definitionId, string instanceId, Exception error, CancellationToken cancellationToken = default)
    {
        CountRun(definitionId, faulted: true);
        return FaultedAsync(definitionId, instanceId, $"the run failed: {error.Message}", cancellationToken);
    }

    public void Dispose() => _ownMeter?.Dispose();

    // Every run of a live policy passes here, so this is where operators' run and fault counts come from.
    private void CountRun(string definitionId, bool faulted)
    {
        if (_runs is null)
        {
            var meter = meters?.Create(TimerLag.MeterName) ?? _ownMeter!;
            _faults = meter.CreateCounter<long>(FaultsInstrument, unit: "{run}", description: "Policy runs that faulted (an incident or a failed run), by policy.");
            _runs = meter.CreateCounter<long>(RunsInstrument, unit: "{run}", description: "Policy runs saved or failed, by policy and outcome.");
        }

        var policy = new KeyValuePair<string, object?>("policy", definitionId);
        _runs.Add(1, policy, new KeyValuePair<string, object?>("outcome", faulted ? "faulted" : "ok"));
        if (faulted)
        {
            _faults!.Add(1, policy);
        }
    }

    /// <summary>A publish (a new version, or the same one again after a retract) lets the policy run again.</summary>
    public ValueTask OnPublishedAsync(WorkflowDefinition definition, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default)
    {
        if (Resume(definition.DefinitionId))
        {
            LogResumed(definition.DefinitionId, $"version {definition.Version} was published");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Lets a suspended policy run again as it is (a manager's explicit resume); false when it was not suspended.</summary>
    public bool Resume(string definitionId)
    {
        lock (_gate)
        {
            _streaks.Remove(definitionId);
            if (!_suspended.ContainsKey(definitionId))
            {
                return false;
            }

            _suspended = _suspended.Remove(definitionId);
        }

        HoldsChanged?.Invoke(this, EventArgs.Empty);
        return true;
    }

    private ValueTask RanWell(string definitionId)
    {
        lock (_gate)
        {
            _streaks.Remove(definitionId);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask FaultedAsync(string definitionId, string instanceId, string fault, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        PolicySuspension suspension;
        lock (_gate)
        {
            // Runs already under way when the policy was suspended may still end; they do not suspend it twice.
            if (_suspended.ContainsKey(definitionId))
            {
                return;
            }

            var streak = _streaks.GetValueOrDefault(definitionId) is { } current && now - current.FirstAt <= settings.Window
                ? current with { Count = current.Count + 1 }
                : new FaultStreak(now, 1);
            if (streak.Count < settings.FaultedRunsToSuspend)
            {
                _streaks[definitionId] = streak;
                return;
            }

            _streaks.Remove(definitionId);
            suspension = new PolicySuspension(definitionId, now, streak.Count, instanceId, fault);
            _suspended = _suspended.SetItem(definitionId, suspension);
        }

        HoldsChanged?.Invoke(this, EventArgs.Empty);
        LogSuspended(definitionId, suspension.FaultedRuns, settings.Window, instanceId, fault);
        try
        {
            await incidents.AddAsync(instanceId,
                [new ActivityIncident(definitionId, definitionId, IncidentType, suspension.Describe(), null, now)], cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The suspension holds either way; the log above already tells why.
            LogIncidentNotStored(error, definitionId);
        }
    }

    private sealed record FaultStreak(DateTimeOffset FirstAt, int Count);

    [LoggerMessage(LogLevel.Error,
        "Policy {Policy} is suspended after {Runs} faulted runs in a row within {Window}; it starts and resumes no runs " +
        "until it is published again or resumed. Last fault, instance {Instance}: {Fault}")]
    private partial void LogSuspended(string policy, int runs, TimeSpan window, string instance, string fault);

    [LoggerMessage(LogLevel.Warning, "Policy {Policy} was suspended, but its incident could not be stored")]
    private partial void LogIncidentNotStored(Exception error, string policy);

    [LoggerMessage(LogLevel.Information, "Policy {Policy} runs again: {Reason}")]
    private partial void LogResumed(string policy, string reason);
}
