namespace EscalationStudio.Workflows.Activities;

/// <summary>Elsa's activity kinds; serialised as strings in descriptors.</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Job,
    Task,
}
