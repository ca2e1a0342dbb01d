using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tests.Org;

public sealed class OrgDirectoryFileTests
{
    [Fact]
    public void The_shipped_forty_person_directory_loads_with_levels_specialists_and_calendars()
    {
        var org = OrgDirectoryFile.Read(Path.Combine(RepositoryFolder(), "workflows", "org", "directory.json"));

        Assert.Equal(40, org.Agents.Count);
        Assert.Equal(["tier-1", "tier-2", "managers"], org.Tiers.Where(t => t.Kind == TierKind.Level).Select(t => t.Id));
        Assert.Contains(org.Tiers, t => t.Id == "retention" && t.IsSpecialist);
        Assert.Contains(org.Tiers, t => t.Id == "legal" && t.IsSpecialist);
        Assert.All(org.Tiers, t => Assert.NotNull(org.FindCalendar(t.CalendarId!)));
        Assert.All(org.Agents, a => Assert.NotNull(org.FindTier(a.TierId)));
        Assert.Equal("Europe/Berlin", org.FindCalendar("emea-office")!.TimeZone);
        Assert.True(org.FindTier("managers")!.Authority.CanApproveRefund(1000));
        Assert.False(org.FindTier("tier-1")!.Authority.CanCloseVip);
    }

    [Fact]
    public void The_shipped_five_person_directory_loads()
    {
        var org = OrgDirectoryFile.Read(Path.Combine(RepositoryFolder(), "workflows", "org", "examples", "small-team.json"));

        Assert.Equal(5, org.Agents.Count);
        Assert.Equal("America/Chicago", Assert.Single(org.Calendars).TimeZone);
    }

    [Fact]
    public void Parse_reports_every_problem_with_its_path()
    {
        const string json = """
            {
              "tiers": [
                { "id": "tier-1", "level": 1, "kind": "ladder", "calendar": "nowhere" },
                { "id": "tier-1", "level": 0 }
              ],
              "agents": [ { "id": "ana", "tier": "tier-3", "email": "ana" } ],
              "calendars": [ { "id": "office", "timeZone": "Mars/Olympus", "weeklyHours": [ { "day": "funday", "opens": "09:00", "closes": "17:00" } ] } ]
            }
            """;

        var error = Assert.Throws<OrgDirectoryFormatException>(() => OrgDirectoryFile.Parse(json, "org.json"));

        Assert.Equal("org.json", error.File);
        Assert.Contains(error.Errors, e => e.StartsWith("tiers[0].kind:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("tiers[0].calendar:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("tiers[1].level:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("'tier-1' is used more than once", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("agents[0].tier:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("agents[0].email:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("calendars[0].timeZone:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("calendars[0].weeklyHours[0].day:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_malformed_json_names_the_position()
    {
        var error = Assert.Throws<OrgDirectoryFormatException>(() => OrgDirectoryFile.Parse("{ \"tiers\": [ { \"id\": 5 } ] }", "org.json"));

        Assert.Contains("tiers[0].id", Assert.Single(error.Errors));
    }

    [Fact]
    public void Delivery_targets_are_read_for_tiers_and_agents_an_agents_true_meaning_their_own_address()
    {
        var org = OrgDirectoryFile.Read(Path.Combine(RepositoryFolder(), "workflows", "org", "directory.json"));

        Assert.Equal(new("tier-2@brightline.example", "tier-2-room"), org.FindTier("tier-2")!.Delivery);
        Assert.Equal(new("katrin.vogel@brightline.example", null), org.FindAgent("katrin.vogel")!.Delivery);
        Assert.Equal("managers", org.FindTier("billing")!.ManagedBy);
        Assert.Equal(Domain.Delivery.DeliveryTargets.DeskOnly, org.FindAgent("ana.kovac")!.Delivery);
    }

    [Fact]
    public void Bad_delivery_targets_are_refused_naming_the_field()
    {
        const string json = """
            {
              "tiers": [
                { "id": "tier-1", "level": 1, "delivery": { "email": true, "chat": "https://hooks.example.com/T000/secret" } },
                { "id": "tier-2", "level": 2, "managedBy": "bosses", "delivery": { "email": "not an address" } }
              ],
              "agents": [ { "id": "ana", "tier": "tier-1", "email": "ana@example.com", "delivery": { "email": 42 } } ]
            }
            """;

        var error = Assert.Throws<OrgDirectoryFormatException>(() => OrgDirectoryFile.Parse(json, "org.json"));

        Assert.Contains(error.Errors, e => e.StartsWith("tiers[0].delivery.email: a tier has no address of its own", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("tiers[0].delivery.chat:", StringComparison.Ordinal) && e.Contains("Escalation:Delivery:Chat:Webhooks", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("tiers[1].delivery.email: 'not an address' is not an e-mail address", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("tiers[1].managedBy: unknown tier 'bosses'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("agents[0].delivery.email:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_delivery_channel_is_an_error_not_silence()
    {
        var error = Assert.Throws<OrgDirectoryFormatException>(() => OrgDirectoryFile.Parse(
            """{ "tiers": [ { "id": "tier-1", "level": 1, "delivery": { "emial": "t1@example.com" } } ] }""", "org.json"));

        Assert.Contains("tiers[0].delivery", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    internal static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Studio.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Studio.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed class OrgDirectoryHolidayFeedTests
{
    private const string Json = """
        {
          "tiers": [ { "id": "tier-1", "level": 1, "calendar": "london" } ],
          "calendars": [ {
            "id": "london", "timeZone": "Europe/London",
            "holidays": [ { "date": "2026-12-25", "name": "Office party" } ],
            "holidayFeeds": [ "calendars/uk.ics" ]
          } ]
        }
        """;

    [Fact]
    public void Feeds_are_read_relative_to_the_file_and_added_to_inline_holidays_inline_names_win()
    {
        var reader = new FakeFeeds(true, [new(new DateOnly(2026, 12, 25), "Christmas Day"), new(new DateOnly(2026, 12, 28), "Boxing Day")]);

        var org = OrgDirectoryFile.Parse(Json, "org.json", reader, "/srv/workflows/org");

        Assert.Equal(Path.GetFullPath("/srv/workflows/org/calendars/uk.ics"), Assert.Single(reader.Paths));
        Assert.Equal(["Office party", "Boxing Day"], org.FindCalendar("london")!.Holidays.Select(h => h.Name));
    }

    [Fact]
    public void An_unreadable_feed_is_reported_with_its_path()
    {
        var error = Assert.Throws<OrgDirectoryFormatException>(() => OrgDirectoryFile.Parse(Json, "org.json", new FakeFeeds(false, []), "/srv"));

        Assert.Equal("calendars[0].holidayFeeds[0]: no such feed", Assert.Single(error.Errors));
    }

    [Fact]
    public void Without_a_reader_only_inline_holidays_are_loaded()
    {
        var org = OrgDirectoryFile.Parse(Json, "org.json");

        Assert.Equal("Office party", Assert.Single(org.FindCalendar("london")!.Holidays).Name);
    }

    private sealed class FakeFeeds(bool succeed, IReadOnlyList<Holiday> holidays) : IHolidayFeedReader
    {
        public List<string> Paths { get; } = [];

        public bool TryRead(string path, out IReadOnlyList<Holiday> read, out string? problem)
        {
            Paths.Add(path);
            read = succeed ? holidays : [];
            problem = succeed ? null : "no such feed";
            return succeed;
        }
    }
}
