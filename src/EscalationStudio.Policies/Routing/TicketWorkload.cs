using EscalationStudio.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Routing;

/// <summary>
/// Open tickets per agent, kept from the ticket events themselves: who owns each ticket and whether it is still open.
/// Built once from the event log on first use (so it is right after a restart), then kept current as events commit.
/// </summary>
public sealed class TicketWorkload(IServiceScopeFactory scopes, TimeProvider time) : IAgentWorkload, ITicketEventObserver
{
    private readonly Dictionary<Guid, (int Sequence, string? Owner, bool Open)> _tickets = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _started;
    private bool _loaded;

    public async ValueTask<IReadOnlyDictionary<string, int>> OpenTicketsByAgentAsync(CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken);
        lock (_gate)
        {
            return _tickets.Values
                .Where(t => t.Open && t.Owner is not null)
                .GroupBy(t => t.Owner!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        }
    }

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        // Until someone asks, the event log holds everything; keeping a copy would only cost memory.
        if (!_started)
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            foreach (var ticketEvent in events)
            {
                Apply(ticketEvent);
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            _started = true;
            await using var scope = scopes.CreateAsyncScope();
            var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
            await foreach (var ticketEvent in desk.ReadEventsAsync(DateTimeOffset.MinValue, time.GetUtcNow().AddDays(1), cancellationToken))
            {
                lock (_gate)
                {
                    Apply(ticketEvent);
                }
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Events older than what is known of a ticket are skipped, so the replay and live events can overlap.</summary>
    private void Apply(TicketEvent e)
    {
        var known = _tickets.TryGetValue(e.TicketId, out var ticket);
        if (known && e.Sequence <= ticket.Sequence)
        {
            return;
        }

        var (owner, open) = known ? (ticket.Owner, ticket.Open) : (null, true);
        switch (e.Type)
        {
            case TicketEventType.Created:
                owner = Empty(e[TicketEventData.Owner]);
                break;
            case TicketEventType.Reassigned or TicketEventType.Escalated or TicketEventType.DeEscalated:
                owner = Empty(e[TicketEventData.ToOwner]);
                break;
            case TicketEventType.StatusChanged when TicketText.TryParse<TicketStatus>(e[TicketEventData.To], out var status):
                open = status is not (TicketStatus.Solved or TicketStatus.Closed);
                break;
        }

        _tickets[e.TicketId] = (e.Sequence, owner, open);
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
