namespace EscalationStudio.Domain.Org;

// The file's shape, kept loose (everything nullable) so that a bad file yields a list of named problems instead of
// one serializer exception. OrgDirectoryFile turns it into the domain model.
internal sealed class OrgDirectoryFileModel
{
    public string? Name { get; set; }

    public List<TierModel?>? Tiers { get; set; }

    public List<AgentModel?>? Agents { get; set; }

    public List<CalendarModel?>? Calendars { get; set; }

    internal sealed class TierModel
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; }

        public int? Level { get; set; }

        public string? Calendar { get; set; }

        public string? Description { get; set; }

        public AuthorityModel? Authority { get; set; }
    }

    internal sealed class AuthorityModel
    {
        public decimal? RefundCap { get; set; }

        public decimal? CreditCap { get; set; }

        public bool MayCloseVipTickets { get; set; }

        public bool MayApproveContractChanges { get; set; }

        public bool MaySignOff { get; set; }
    }

    internal sealed class AgentModel
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Tier { get; set; }

        public List<string>? Skills { get; set; }

        public int? Capacity { get; set; }

        public string? Email { get; set; }

        public string? ChatHandle { get; set; }
    }

    internal sealed class CalendarModel
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? TimeZone { get; set; }

        public List<HoursModel?>? WeeklyHours { get; set; }

        public List<HolidayModel?>? Holidays { get; set; }

        /// <summary>ICS files, relative to the org directory file, whose holidays are added to the inline ones.</summary>
        public List<string?>? HolidayFeeds { get; set; }
    }

    internal sealed class HoursModel
    {
        public string? Day { get; set; }

        public string? Opens { get; set; }

        public string? Closes { get; set; }
    }

    internal sealed class HolidayModel
    {
        public string? Date { get; set; }

        public string? Name { get; set; }
    }
}
