namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Declares the flow ports (outcome names) an activity can complete with, e.g. <c>[FlowNode("True", "False")]</c>.
/// Without it an activity has the implicit <c>Done</c> outcome only (Elsa: no declared port, Studio draws "Done").
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FlowNodeAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}
