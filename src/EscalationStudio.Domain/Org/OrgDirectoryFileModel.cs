using System.Text.Json;
using System.Text.Json.Serialization;

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

        public DeliveryModel? Delivery { get; set; }

        public string? ManagedBy { get; set; }
    }

    // A misspelt channel ("emial") must not pass as "no e-mail": unknown members are an error here.
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    internal sealed class DeliveryModel
    {
        /// <summary>An address; for an agent also <c>true</c>, the agent's own directory address.</summary>
        public JsonElement? Email { get; set; }

        /// <summary>The name of a chat webhook configured on the server.</summary>
        public string? Chat { get; set; }
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

        public DeliveryModel? Delivery { get; set; }
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
