namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// A check a definition must pass before it is published. Every registered validator runs and all their messages are
/// shown together; each message names the activity (by its name or id) it is about.
/// </summary>
public interface IPublishValidator
{
    IEnumerable<string> Validate(WorkflowDefinition definition);
}

public sealed class PublishRefusedException(string definitionName, IReadOnlyList<string> errors)
    : Exception($"{definitionName} cannot be published: {string.Join("; ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
