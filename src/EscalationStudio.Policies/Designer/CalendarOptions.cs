using EscalationStudio.Domain.Org;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Designer;

/// <summary>The org directory's business calendars; empty counts in the calendar of the tier that owns the ticket.</summary>
internal sealed class CalendarOptions(IOrgDirectorySource org) : IInputOptionsProvider
{
    public IReadOnlyList<InputOption> GetOptions() =>
        [new("The owning tier's calendar", string.Empty), .. org.Current.Calendars.Select(c => new InputOption($"{c.Name} ({c.TimeZone})", c.Id))];
}
