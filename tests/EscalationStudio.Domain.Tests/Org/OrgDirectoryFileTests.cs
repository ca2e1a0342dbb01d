using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tests.Org;

public sealed class OrgDirectoryFileTests
{
    [Fact]
    public void TheShippedFortyPersonDirectory_LoadsWithLevelsSpecialistsAndCalendars()
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
    public void TheShippedFivePersonDirectory_Loads()
    {
        var org = OrgDirectoryFile.Read(Path.Combine(RepositoryFolder(), "workflows", "org", "examples", "small-team.json"));

        Assert.Equal(5, org.Agents.Count);
        Assert.Equal("America/Chicago", Assert.Single(org.Calendars).TimeZone);
    }

    [Fact]
    public void Parse_ReportsEveryProblemWithItsPath()
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
    public void Parse_MalformedJson_NamesThePosition()
    {
        var error = Assert.Throws<OrgDirectoryFormatException>(() => OrgDirectoryFile.Parse("{ \"tiers\": [ { \"id\": 5 } ] }", "org.json"));

        Assert.Contains("tiers[0].id", Assert.Single(error.Errors));
    }

    private static string RepositoryFolder()
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
