namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// An activity that can start a workflow. For every published definition, each trigger activity with
/// <c>canStartWorkflow</c> is asked for its payloads; each payload is indexed under the hash of (trigger name,
/// payload) as in Elsa §3.2, and a stimulus with an equal name and payload starts the workflow. The trigger name
/// is the activity's type name (e.g. <c>Elsa.Event</c>). Return a payload with the fields that identify the
/// stimulus (e.g. <c>new EventStimulus("OrderReceived")</c>); returning nothing indexes one null payload.
/// </summary>
public interface ITrigger
{
    IEnumerable<object?> GetTriggerPayloads(TriggerIndexingContext context);
}
