using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// The bookmarks watching the tickets of one dispatch batch, found in one store lookup and then kept current from the
/// runs the dispatcher makes (a run's state says which bookmarks its instance now has), so later events of the batch
/// see instances that started or moved on. Runs made elsewhere meanwhile (timers) show as bookmarks gone; the
/// dispatcher then reads that ticket's bookmarks again. Every ticket of the batch has its entry from the start, so
/// workers handling different tickets at once only ever touch their own ticket's list.
/// </summary>
internal sealed class WaitingOnTickets
{
    private readonly Dictionary<Guid, List<StoredBookmark>> _byTicket;

    private WaitingOnTickets(Dictionary<Guid, List<StoredBookmark>> byTicket) => _byTicket = byTicket;

    public static async Task<WaitingOnTickets> FindAsync(IBookmarkStore store, IEnumerable<Guid> ticketIds, CancellationToken cancellationToken)
    {
        var tickets = ticketIds.Distinct().ToDictionary(TicketStimuli.WatchHash, id => id, StringComparer.Ordinal);
        var byTicket = tickets.Values.ToDictionary(id => id, _ => new List<StoredBookmark>());
        foreach (var bookmark in await store.FindByHashesAsync(tickets.Keys, cancellationToken))
        {
            if (tickets.TryGetValue(bookmark.Bookmark.Hash, out var ticketId))
            {
                byTicket[ticketId].Add(bookmark);
            }
        }

        return new WaitingOnTickets(byTicket);
    }

    /// <summary>The bookmarks watching the ticket now; a copy, so the caller may run instances while walking it.</summary>
    public IReadOnlyList<StoredBookmark> Of(Guid ticketId) => [.. Watchers(ticketId)];

    /// <summary>Takes in what a run left its instance waiting on.</summary>
    public void Update(Guid ticketId, WorkflowState state)
    {
        var watchers = Watchers(ticketId);
        watchers.RemoveAll(b => b.WorkflowInstanceId == state.Id);
        var hash = TicketStimuli.WatchHash(ticketId);
        watchers.AddRange(state.Bookmarks
            .Where(b => b.Hash == hash)
            .Select(b => new StoredBookmark(b, state.Id, state.DefinitionVersionId, state.CorrelationId)));
    }

    /// <summary>Reads the ticket's bookmarks again, after finding one gone (an instance moved on outside this batch).</summary>
    public async Task RefreshAsync(IBookmarkStore store, Guid ticketId, CancellationToken cancellationToken)
    {
        var watchers = Watchers(ticketId);
        watchers.Clear();
        watchers.AddRange(await store.FindByHashAsync(TicketStimuli.WatchHash(ticketId), cancellationToken));
    }

    private List<StoredBookmark> Watchers(Guid ticketId) =>
        _byTicket.TryGetValue(ticketId, out var watchers) ? watchers : _byTicket[ticketId] = [];
}
