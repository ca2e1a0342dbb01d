namespace EscalationStudio.Workflows.Activities;

/// <summary>One choice of a dropdown, radio or checklist input: what the designer shows and what the input is set to.</summary>
public sealed record InputOption(string Text, string Value);

/// <summary>
/// Lists an input's choices where the input is declared (<c>[Input(UIHint = UIHints.DropDown, OptionsProvider = typeof(...))]</c>).
/// Its constructor takes what it needs from the host's services; it is created for each descriptor request, so the
/// choices follow the host's data.
/// </summary>
public interface IInputOptionsProvider
{
    IReadOnlyList<InputOption> GetOptions();
}
