using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Tests.Briefings;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>The sample organisation in workflows/org/directory.json (Berlin office hours Mon–Fri 08:00–18:00).</summary>
internal static class Brightline
{
    public static readonly OrgDirectory Org = OrgDirectoryFile.Read(Path.Combine(SampleTemplateTests.RepositoryRoot(), "workflows", "org", "directory.json"));

    /// <summary>Monday 2026-03-02, 09:00 in Berlin.</summary>
    public static readonly DateTimeOffset MondayNineBerlin = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    public static DateTimeOffset Berlin(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.FromHours(1));
}
