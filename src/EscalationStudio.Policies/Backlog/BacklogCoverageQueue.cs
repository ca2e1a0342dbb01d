using System.Threading.Channels;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Backlog;

/// <summary>A policy whose SLA trigger the tickets open at <see cref="CreatedBy"/> should get.</summary>
internal sealed record BacklogCoverageRequest(string DefinitionId, int Version, DateTimeOffset CreatedBy);

/// <summary>
/// Hears every publish (the designer's, a change in <c>workflows/</c>, and the start-up load of <c>workflows/</c>) and
/// queues a sweep of the open backlog for policies with an SLA trigger, so the publish itself returns at once.
/// </summary>
internal sealed class BacklogCoverageQueue(TimeProvider time) : IWorkflowPublishObserver
{
    private readonly Channel<BacklogCoverageRequest> _channel = Channel.CreateUnbounded<BacklogCoverageRequest>(
        new UnboundedChannelOptions { SingleReader = true });

    // A policy published twice before its sweep began needs one sweep: the sweep reads the published triggers itself.
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private int _pending;
    private TaskCompletionSource _idle = Completed();

    public ChannelReader<BacklogCoverageRequest> Reader => _channel.Reader;

    public ValueTask OnPublishedAsync(WorkflowDefinition definition, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default)
    {
        if (!triggers.Any(BacklogTriggers.CoversOpenTickets))
        {
            return ValueTask.CompletedTask;
        }

        lock (_queued)
        {
            if (!_queued.Add(definition.DefinitionId))
            {
                return ValueTask.CompletedTask;
            }

            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _channel.Writer.TryWrite(new BacklogCoverageRequest(definition.DefinitionId, definition.Version, time.GetUtcNow()));
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes once every queued sweep, including sweeps queued meanwhile, has finished.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_queued)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The sweep begins: a publish from now on queues another one, which finds what this one covers.</summary>
    internal void MarkStarted(BacklogCoverageRequest request)
    {
        lock (_queued)
        {
            _queued.Remove(request.DefinitionId);
        }
    }

    internal void MarkFinished()
    {
        lock (_queued)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }
}
