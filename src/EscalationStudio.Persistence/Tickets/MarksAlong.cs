using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The dispatcher's outbox marks that wait for the ticket writer's next commit (SQLite): while the writer is in a round
/// of committing, marks join it instead of taking the database's one write lock from under it; while it is idle they are
/// refused here and commit on their own.
/// </summary>
internal sealed class MarksAlong
{
    private readonly Lock _gate = new();
    private List<OutboxMarks> _waiting = [];
    private bool _committing;

    /// <summary>Queues the marks for the writer's next commit and answers once it is done; null while the writer is idle.</summary>
    public Task? TryJoin(IReadOnlyCollection<HandledTicketEvents> handled, DateTimeOffset handledAt)
    {
        lock (_gate)
        {
            if (!_committing)
            {
                return null;
            }

            var marks = new OutboxMarks(handled, handledAt);
            _waiting.Add(marks);
            return marks.Done;
        }
    }

    /// <summary>The writer starts a round: marks made from here on wait for its commit.</summary>
    public void BeginRound()
    {
        lock (_gate)
        {
            _committing = true;
        }
    }

    /// <summary>The marks waiting now, for the round's commit.</summary>
    public List<OutboxMarks> Take()
    {
        lock (_gate)
        {
            var taken = _waiting;
            _waiting = [];
            return taken;
        }
    }

    /// <summary>
    /// The writer ends a round: it stays committing, and marks keep joining, only if marks or <paramref name="moreCommands"/>
    /// wait; otherwise it is idle and marks made from here on commit on their own. Decided under one lock, so no mark
    /// is left waiting for a round that never comes.
    /// </summary>
    /// <returns>Whether another round follows at once.</returns>
    public bool EndRound(Func<bool> moreCommands)
    {
        lock (_gate)
        {
            _committing = _waiting.Count > 0 || moreCommands();
            return _committing;
        }
    }
}

/// <summary>The dispatcher's outbox marks riding along in a writer's commit, and their caller's answer.</summary>
internal sealed class OutboxMarks(IReadOnlyCollection<HandledTicketEvents> handled, DateTimeOffset handledAt)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<HandledTicketEvents> Handled => handled;

    public DateTimeOffset HandledAt => handledAt;

    public Task Done => _done.Task;

    public void Succeed() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
