using System.Text.RegularExpressions;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EscalationStudio.Policies.Replay;

/// <summary>
/// Replays a ticket history through a set of policies on a virtual clock: the runtime's own engine, dispatcher,
/// activities and timers, against an in-memory desk applying the domain's ticket changes with the org's directory and
/// calendars. Customers' and agents' actions come from the history; what policies do is recomputed. Each ticket is
/// folded into the escalation-health figures (the server's metrics code) and dropped once closed, so memory follows
/// the open tickets, not the history's length. The CLI's <c>simulate</c> and the server's What-if share it.
/// </summary>
public sealed partial class HistoryReplay(OrgDirectory org, TemplateLibrary templates, IReadOnlyList<WorkflowDefinition> policies)
{
    private readonly OrgDirectory _org = org;
    private readonly TemplateLibrary _templates = templates;
    private readonly IReadOnlyList<WorkflowDefinition> _policies = policies;

    /// <summary>Keep each ticket's path through the tiers in the report (a comparison needs them).</summary>
    public bool KeepPaths { get; init; }

    /// <summary>Told the number of history entries read so far, every few thousand.</summary>
    public IProgress<long>? Progress { get; init; }

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The limits the policies' scripts run under; a server passes its own, so a replay allows no C# it refuses.</summary>
    public ScriptLimits ScriptLimits { get; init; } = new();

    /// <exception cref="WorkflowValidationException">A policy does not load.</exception>
    public async Task<ReplayReport> RunAsync(IAsyncEnumerable<HistoryEvent> history, CancellationToken cancellationToken = default)
    {
        var run = new Run(this);
        await using (run.Services)
        {
            foreach (var policy in _policies)
            {
                var published = policy.Clone();
                published.IsPublished = true;
                await run.Runtime.PublishAsync(published, cancellationToken);
            }

            await foreach (var entry in history.WithCancellation(cancellationToken))
            {
                await run.ReplayAsync(entry, cancellationToken);
                if (Progress is not null && run.Events % 5_000 == 0)
                {
                    Progress.Report(run.Events);
                }
            }

            Progress?.Report(run.Events);
            return run.Finish();
        }
    }

    private ServiceProvider Isolated(ReplayClock clock, TicketHistoryFold fold, ReplayInstanceStore instances, ReplayBookmarkStore bookmarks, ReplayInstanceIndex index,
        ReplayTimers timers)
    {
        var services = new ServiceCollection();
        var directory = new FixedOrgDirectory(_org);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(Loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IOrgDirectorySource>(directory);
        services.AddSingleton(_templates);
        services.AddSingleton<IWorkflowInstanceStore>(instances);
        services.AddSingleton<IBookmarkStore>(bookmarks);
        services.AddSingleton<IPolicyInstanceIndex>(index);
        services.AddSingleton<ITimerBackend>(timers);
        services.AddSingleton<ITicketEventObserver>(new FoldObserver(fold));
        services.AddSingleton(provider => new InMemoryTicketDesk(directory, clock, provider.GetServices<ITicketEventObserver>));
        services.AddSingleton<ITicketDesk>(provider => provider.GetRequiredService<InMemoryTicketDesk>());
        services.AddWorkflowEngine(engine =>
        {
            engine.ScriptLimits = ScriptLimits;
            engine.AddEscalationActivities();
        });
        services.AddEscalationPolicies(_templates.Root, useQuartz: false);
        // One ticket at a time: the in-memory desk is single-threaded, and a replay gives the same answer every time.
        services.Configure<PolicyDispatchOptions>(options => options.TicketsAtOnce = 1);
        return services.BuildServiceProvider();
    }

    /// <summary>One pass over a history.</summary>
    private sealed partial class Run
    {
        private readonly HistoryReplay _replay;
        private readonly ReplayClock _clock = new();
        private readonly TicketHistoryFold _fold;
        private readonly ReplayInstanceStore _instances = new();
        private readonly ReplayBookmarkStore _bookmarks = new();
        private readonly ReplayInstanceIndex _index = new();
        private readonly ReplayTimers _timers = new();
        private readonly InMemoryTicketDesk _desk;
        private readonly PolicyDispatcher _dispatcher;
        private readonly DueTimers _dueTimers;
        private readonly Dictionary<string, Guid> _tickets = new(StringComparer.Ordinal);
        private readonly Dictionary<Guid, string> _keys = [];
        private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _refused = new(StringComparer.Ordinal);
        private readonly RunningHealth _overall = new(HealthFilter.All);
        private readonly Dictionary<string, RunningHealth> _byPolicy;
        private readonly Dictionary<string, RunningHealth> _byTier;
        private readonly Dictionary<string, string>? _paths;
        private long _replayed;
        private int _ticketCount;
        private DateTimeOffset? _from;

        public Run(HistoryReplay replay)
        {
            _replay = replay;
            _fold = new TicketHistoryFold(replay._org);
            Services = replay.Isolated(_clock, _fold, _instances, _bookmarks, _index, _timers);
            Runtime = Services.GetRequiredService<WorkflowRuntime>();
            _desk = Services.GetRequiredService<InMemoryTicketDesk>();
            _dispatcher = Services.GetRequiredService<PolicyDispatcher>();
            _dueTimers = Services.GetRequiredService<DueTimers>();
            _byPolicy = replay._policies.Select(p => p.DefinitionId).Distinct(StringComparer.Ordinal)
                .ToDictionary(p => p, p => new RunningHealth(new HealthFilter { Policy = p }), StringComparer.Ordinal);
            _byTier = replay._org.Tiers.ToDictionary(t => t.Id, t => new RunningHealth(new HealthFilter { Tier = t.Id }), StringComparer.Ordinal);
            _paths = replay.KeepPaths ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
        }

        public ServiceProvider Services { get; }

        public WorkflowRuntime Runtime { get; }

        public long Events { get; private set; }

        public async Task ReplayAsync(HistoryEvent entry, CancellationToken cancellationToken)
        {
            Events++;
            _from ??= entry.At;
            await PlayTimersAsync(entry.At, cancellationToken);
            _clock.MoveTo(entry.At);

            if (entry.Type == TicketEventType.Created)
            {
                if (_tickets.ContainsKey(entry.TicketKey))
                {
                    Count(_refused, "created: the ticket was created before in the history");
                    return;
                }

                await TryAsync(entry, async () =>
                {
                    var ticket = await _desk.CreateAsync(HistoryActions.ToNewTicket(entry), entry.Actor, cancellationToken);
                    _tickets[entry.TicketKey] = ticket.Id;
                    _keys[ticket.Id] = entry.TicketKey;
                    _ticketCount++;
                });
            }
            else if (!_tickets.TryGetValue(entry.TicketKey, out var ticketId))
            {
                Count(_refused, $"{entry.Type.ToText()}: the history has no created event for the ticket (or it was closed)");
                return;
            }
            else if (await _desk.FindAsync(ticketId, cancellationToken) is { } ticket)
            {
                var (change, skipped) = HistoryActions.ToChange(entry, ticket);
                if (change is null)
                {
                    Count(_skipped, skipped!);
                    return;
                }

                await TryAsync(entry, () => _desk.ApplyAsync(ticketId, change, cancellationToken));
            }

            await _dispatcher.DispatchQueuedAsync(cancellationToken);
            if (_tickets.TryGetValue(entry.TicketKey, out var id)
                && (ClosedByHistory(entry) || await _desk.FindAsync(id, cancellationToken) is { Status: TicketStatus.Closed }))
            {
                await DropAsync(id, cancellationToken);
            }
        }

        /// <summary>
        /// The history closed the ticket, so nothing more happens to it, whether or not the replay could follow: a close
        /// the replayed rules refused (a solve that now needs a manager's sign-off) left it open here, waiting to the
        /// end with its SLA timers firing, and a long history's memory grew with every such ticket.
        /// </summary>
        private static bool ClosedByHistory(HistoryEvent entry) =>
            entry.Type == TicketEventType.StatusChanged && TicketText.TryParse<TicketStatus>(entry[TicketEventData.To], out var status) && status == TicketStatus.Closed;

        public ReplayReport Finish()
        {
            foreach (var summary in _fold.Summaries.ToList())
            {
                Take(summary);
            }

            return new ReplayReport(
                new ReplayCounts(Events, _replayed, _ticketCount, _skipped, _refused, _from, _from is null ? null : _clock.GetUtcNow()),
                _overall.ToReport(),
                _byPolicy.ToDictionary(p => p.Key, p => p.Value.ToReport(), StringComparer.Ordinal),
                _byTier.ToDictionary(t => t.Key, t => t.Value.ToReport(), StringComparer.Ordinal),
                _instances.Faulted.ToDictionary(StringComparer.Ordinal),
                _paths);
        }

        /// <summary>Fires, in due order, every timer that falls due before the next history entry.</summary>
        private async Task PlayTimersAsync(DateTimeOffset until, CancellationToken cancellationToken)
        {
            while (_timers.TakeNextDue(until) is { } due)
            {
                _clock.MoveTo(due);
                await _dueTimers.FireDueAsync(_clock.GetUtcNow(), cancellationToken);
                await _dispatcher.DispatchQueuedAsync(cancellationToken);
            }
        }

        private async Task TryAsync(HistoryEvent entry, Func<Task> action)
        {
            try
            {
                await action();
                _replayed++;
            }
            catch (Exception refused) when (refused is TicketRuleViolationException or AuthorityDeniedException or ArgumentException)
            {
                Count(_refused, $"{entry.Type.ToText()}: {Quoted().Replace(refused.Message, "'…'")}");
            }
        }

        /// <summary>A closed ticket is final: its figures are taken, its waiting policy runs cancelled, and it is let go.</summary>
        private async Task DropAsync(Guid ticketId, CancellationToken cancellationToken)
        {
            foreach (var instance in _instances.RunningFor(ticketId.ToString()))
            {
                await Runtime.CancelAsync(instance, cancellationToken);
            }

            _instances.Forget(ticketId.ToString());
            _index.Forget(ticketId);
            if (_fold.Find(ticketId) is { } summary)
            {
                Take(summary);
            }

            _desk.Forget(ticketId);
            Services.GetRequiredService<SlaHistoryCache>().Forget(ticketId);
            if (_keys.Remove(ticketId, out var key))
            {
                _tickets.Remove(key);
            }
        }

        private void Take(TicketSummary summary)
        {
            _overall.Add(summary);
            foreach (var policy in summary.Policies)
            {
                _byPolicy.GetValueOrDefault(policy)?.Add(summary);
            }

            foreach (var tier in summary.Tiers)
            {
                _byTier.GetValueOrDefault(tier)?.Add(summary);
            }

            if (_paths is not null && _keys.TryGetValue(summary.TicketId, out var key))
            {
                _paths[key] = PathOf(summary);
            }

            _fold.Remove(summary.TicketId);
        }

        private static void Count(Dictionary<string, long> counts, string reason) => counts[reason] = counts.GetValueOrDefault(reason) + 1;

        [GeneratedRegex("'[^']*'")]
        private static partial Regex Quoted();
    }

    /// <summary>The tiers a ticket went through, with who moved it: "tier-1 → billing (retention-fast-lane) → tier-1 (agent:ana)".</summary>
    internal static string PathOf(TicketSummary summary) =>
        new ReplayPath(summary.FirstTier, [.. summary.Moves.Select(m => (m.To, m.Policy ?? m.By.ToString()))]).ToString();

    private sealed class FixedOrgDirectory(OrgDirectory directory) : IOrgDirectorySource
    {
        public OrgDirectory Current => directory;
    }

    private sealed class FoldObserver(TicketHistoryFold fold) : ITicketEventObserver
    {
        public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
        {
            fold.ApplyAll(events);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The replay's own time: it moves forward only, to the next history entry or due timer.</summary>
    private sealed class ReplayClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => _now;

        public void MoveTo(DateTimeOffset instant)
        {
            if (instant > _now)
            {
                _now = instant;
            }
        }
    }
}
