namespace EscalationStudio.Workflows.Activities;

internal enum FlowJoinMode
{
    /// <summary>Run on the first followed inbound connection and cancel the other inbound branches.</summary>
    WaitAny,

    /// <summary>Run when every inbound connection was visited and followed.</summary>
    WaitAll,

    /// <summary>Run when every inbound connection was visited and at least one was followed.</summary>
    WaitAllActive,
}
