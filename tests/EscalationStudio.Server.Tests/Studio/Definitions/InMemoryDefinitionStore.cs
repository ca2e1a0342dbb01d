using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Tests.Studio.Definitions;

/// <summary>A store for tests of the folder logic alone; the EF store is exercised by the server tests.</summary>
internal sealed class InMemoryDefinitionStore : IWorkflowDefinitionStore
{
    private readonly Dictionary<string, string> json = [];

    public Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions versions, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkflowDefinition>>(All().Where(versions.Matches).ToList());

    public Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkflowDefinition>>(All().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToList());

    public Task<WorkflowDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(json.TryGetValue(id, out var text) ? WorkflowDefinitionJson.Parse(text) : null);

    public Task<IReadOnlyList<DefinitionSummary>> SummarizeAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task SaveAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken = default)
    {
        foreach (var version in versions)
        {
            json[version.Id] = WorkflowDefinitionJson.Write(version);
        }

        return Task.CompletedTask;
    }

    public Task<string> ChangeStampAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(string.Join('|', json.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Value.GetHashCode())));

    public Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private IEnumerable<WorkflowDefinition> All() => json.Values.Select(WorkflowDefinitionJson.Parse);
}
