namespace EscalationStudio.Workflows.Activities;

/// <summary>A node that, when it completes, completes its enclosing flowchart at once (Elsa's ITerminalNode).</summary>
internal interface ITerminalNode;

/// <summary>Elsa's IStartNode: shown as a start node in the designer.</summary>
internal interface IStartNode;
