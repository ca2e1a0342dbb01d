namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// An activity output: <c>{ "typeName": "Object", "memoryReference": { "id": "&lt;variable id&gt;" } }</c>. Setting it writes
/// the variable the designer bound it to, or the output of the enclosing workflow whose name equals the id.
/// </summary>
public abstract class Output
{
    private protected Output(string? memoryReferenceId) => MemoryReferenceId = memoryReferenceId;

    public string? MemoryReferenceId { get; }

    /// <summary>The property name, set when the node is materialised; recorded as the activity's output name.</summary>
    public string? Name { get; internal set; }

    public abstract Type ValueType { get; }
}

public sealed class Output<T>(string? memoryReferenceId = null) : Output(memoryReferenceId)
{
    public override Type ValueType => typeof(T);
}
