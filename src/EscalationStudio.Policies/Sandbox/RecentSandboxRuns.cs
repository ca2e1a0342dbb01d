using System.Collections.Concurrent;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>The last test runs, kept in memory so the designer's Run can be looked at afterwards; older ones drop off.</summary>
public sealed class RecentSandboxRuns
{
    public const int Capacity = 100;

    private readonly ConcurrentDictionary<string, SandboxRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(SandboxRun run)
    {
        _runs[Key(run)] = run;
        _order.Enqueue(Key(run));
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _runs.TryRemove(oldest, out _);
        }
    }

    /// <param name="id">The run's instance id (what the designer gets back), or its run id when the policy did not start.</param>
    public SandboxRun? Find(string id) => _runs.GetValueOrDefault(id);

    /// <summary>The kept runs, newest first; only those of one policy when <paramref name="definitionId"/> is given.</summary>
    public IReadOnlyList<SandboxRun> List(string? definitionId = null) =>
        [.. _runs.Values.Where(run => definitionId is null || run.DefinitionId == definitionId).OrderByDescending(run => run.StartedAt).ThenByDescending(run => run.Id, StringComparer.Ordinal)];

    private static string Key(SandboxRun run) => run.InstanceId ?? run.Id;
}
