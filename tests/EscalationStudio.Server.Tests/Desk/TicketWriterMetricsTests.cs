using System.Globalization;
using System.Text.RegularExpressions;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>
/// <c>/metrics</c> shows how loaded the node's one ticket writer is: the desk calls each commit took, how long commits
/// took, the time it was busy and the calls waiting, so an operator can tell a saturated writer from a busy CPU.
/// </summary>
public sealed class TicketWriterMetricsTests
{
    [Fact]
    public async Task Metrics_show_the_ticket_writers_batches_commit_time_busy_time_and_queue()
    {
        using var server = new EscalationServer();
        var admin = server.Admin();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => admin.CreateTicketAsync(subject: $"Printer {i} jams")));

        var text = await server.CreateClient().GetStringAsync("/metrics");

        // OpenTelemetry listens to meters by name in the whole process: hosts of other tests add to these figures, so
        // the assertions ask for at least this test's share.
        Assert.Contains("# TYPE escalation_ticket_writer_batch_size histogram", text);
        Assert.True(Figure(text, "escalation_ticket_writer_batch_size_sum") >= 8, "the eight desk calls are in the batch sizes");
        Assert.True(Figure(text, "escalation_ticket_writer_commit_time_milliseconds_count") >= 1, "a commit's time was recorded");
        Assert.True(Figure(text, "escalation_ticket_writer_busy_time_seconds_total") > 0, "the writer's busy time grew");
        Assert.Contains("# TYPE escalation_ticket_writer_queue_depth gauge", text);
    }

    private static double Figure(string scrape, string name)
    {
        var match = Regex.Match(scrape, $@"^{name}(\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} is not in the scrape:\n{scrape}");
        return double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }
}
