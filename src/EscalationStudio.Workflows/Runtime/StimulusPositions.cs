using EscalationStudio.Workflows.State;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// The last position of an ordered stimulus stream an instance has heard (its correlation's stream: a ticket's event
/// sequence), kept in the instance's properties so it is saved in the same write as the run it caused.
/// </summary>
internal static class StimulusPositions
{
    internal const string Property = "stimulusPosition";

    public static bool HasHeard(WorkflowState state, long? position) =>
        position is { } p && state.Properties[Property]?.GetValue<long>() is { } heard && heard >= p;

    public static void Record(WorkflowState state, long? position)
    {
        if (position is { } p)
        {
            state.Properties[Property] = p;
        }
    }
}
