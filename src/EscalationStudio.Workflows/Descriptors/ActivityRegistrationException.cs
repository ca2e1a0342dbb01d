namespace EscalationStudio.Workflows.Descriptors;

/// <summary>Thrown when activity classes are invalid; lists every problem found, not only the first.</summary>
internal sealed class ActivityRegistrationException(IReadOnlyList<string> problems)
    : Exception("Invalid activity registrations:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
