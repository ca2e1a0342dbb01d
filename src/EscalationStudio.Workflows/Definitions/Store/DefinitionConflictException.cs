namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Another writer (another server node) changed the definition between this change's read and its save: nothing was
/// saved. The API answers 409; reading the definition again shows what won.
/// </summary>
public sealed class DefinitionConflictException(string definitionId, Exception? inner = null)
    : Exception($"policy {definitionId} was changed by another writer meanwhile; nothing was saved. Read it again and retry.", inner)
{
    public string DefinitionId { get; } = definitionId;
}
