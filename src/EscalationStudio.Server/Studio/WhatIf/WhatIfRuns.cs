using System.Collections.Concurrent;
using System.Threading.Channels;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Studio.WhatIf;

/// <summary>
/// The What-if runs of this node: asked for by the API or Studio's button, queued, run one at a time by
/// <see cref="WhatIfWorker"/>, and kept in memory (the most recent <see cref="Kept"/>) for their pages.
/// </summary>
internal sealed class WhatIfRuns(IWorkflowDefinitionStore store, TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    /// <summary>Finished runs kept for their pages; older ones are forgotten.</summary>
    public const int Kept = 20;

    private readonly ConcurrentDictionary<string, WhatIfRun> _runs = new(StringComparer.Ordinal);
    private readonly Channel<WhatIfRun> _queue = Channel.CreateUnbounded<WhatIfRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _starting = new();

    public ChannelReader<WhatIfRun> Queue => _queue.Reader;

    public WhatIfRun? Find(string id) => _runs.GetValueOrDefault(id);

    /// <summary>The policy's runs, newest first.</summary>
    public IReadOnlyList<WhatIfRun> Of(string definitionId) =>
        [.. _runs.Values.Where(r => r.DefinitionId == definitionId).OrderByDescending(r => r.RequestedAt)];

    /// <summary>
    /// Queues a What-if of the policy's latest draft, or answers the run already queued or running for the policy
    /// (one at a time per policy).
    /// </summary>
    public async Task<WhatIfStart> StartAsync(string definitionId, int days, string? requestedBy, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (versions.Count == 0)
        {
            return new WhatIfStart.UnknownPolicy();
        }

        var draft = versions.Where(v => !v.IsPublished).MaxBy(v => v.Version);
        var published = versions.FirstOrDefault(v => v.IsPublished);
        if (draft is null || (published is not null && draft.Version < published.Version))
        {
            return new WhatIfStart.NoDraft();
        }

        var live = await store.ListAsync(VersionOptions.Published, cancellationToken);
        var to = clock.GetUtcNow();
        var run = new WhatIfRun
        {
            Id = Guid.NewGuid().ToString("N"),
            DefinitionId = definitionId,
            PolicyName = draft.Name ?? definitionId,
            Days = days,
            From = to - TimeSpan.FromDays(days),
            To = to,
            PublishedVersion = published?.Version,
            DraftVersion = draft.Version,
            RequestedAt = to,
            RequestedBy = requestedBy,
            Baseline = live,
            Candidate = [.. live.Where(d => d.DefinitionId != definitionId), draft],
        };

        lock (_starting)
        {
            if (_runs.Values.FirstOrDefault(r => r.DefinitionId == definitionId && r.IsActive) is { } running)
            {
                return new WhatIfStart.Started(running, IsNew: false);
            }

            _runs[run.Id] = run;
            Forget();
        }

        _queue.Writer.TryWrite(run);
        return new WhatIfStart.Started(run, IsNew: true);
    }

    private void Forget()
    {
        foreach (var old in _runs.Values.Where(r => !r.IsActive).OrderByDescending(r => r.RequestedAt).Skip(Kept))
        {
            _runs.TryRemove(old.Id, out _);
        }
    }
}

internal abstract record WhatIfStart
{
    public sealed record Started(WhatIfRun Run, bool IsNew) : WhatIfStart;

    public sealed record UnknownPolicy : WhatIfStart;

    public sealed record NoDraft : WhatIfStart;
}
