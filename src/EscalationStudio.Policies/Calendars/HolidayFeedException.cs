namespace EscalationStudio.Policies.Calendars;

public sealed class HolidayFeedException(string source, string problem, Exception? inner = null)
    : Exception($"Holiday feed '{source}': {problem}", inner)
{
    public string Feed { get; } = source;
}
