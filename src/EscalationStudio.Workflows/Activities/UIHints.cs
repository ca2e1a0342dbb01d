namespace EscalationStudio.Workflows.Activities;

/// <summary>Elsa's input UI hint names (Elsa.Workflows.Core/UIHints/InputUIHints.cs).</summary>
public static class UIHints
{
    public const string Checkbox = "checkbox";
    public const string CheckList = "checklist";
    public const string CodeEditor = "code-editor";
    public const string Dictionary = "dictionary";
    public const string DateTimePicker = "datetime-picker";
    public const string DropDown = "dropdown";
    public const string DynamicOutcomes = "dynamic-outcomes";
    public const string ExpressionEditor = "expression-editor";
    public const string JsonEditor = "json-editor";
    public const string MultiLine = "multiline";
    public const string MultiText = "multitext";
    public const string OutcomePicker = "outcome-picker";
    public const string OutputPicker = "output-picker";
    public const string RadioList = "radiolist";
    public const string SingleLine = "singleline";
    public const string TypePicker = "type-picker";
    public const string VariablePicker = "variable-picker";
    public const string WorkflowDefinitionPicker = "workflow-definition-picker";
    public const string FlowSwitchEditor = "flow-switch-editor";
}
