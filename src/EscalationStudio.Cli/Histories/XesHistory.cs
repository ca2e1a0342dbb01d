using System.Runtime.CompilerServices;
using System.Xml;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Histories;

/// <summary>
/// XES (IEEE 1849), the event-log format of process-mining tools: one trace per ticket (its <c>concept:name</c> is the
/// ticket id), one event per change with <c>concept:name</c>, <c>time:timestamp</c>, <c>org:resource</c>,
/// <c>org:group</c>; read through a <see cref="HistoryMapping"/> (the standard keys unless a mapping says otherwise)
/// and put in time order across traces.
/// </summary>
internal sealed class XesHistory(string path, HistoryMapping mapping) : HistoryFile(path)
{
    protected override async IAsyncEnumerable<HistoryEvent> ReadAsync(UnusableRows unusable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = new List<HistoryEvent>();
        using (var text = OpenText())
        using (var xml = XmlReader.Create(text, new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true }))
        {
            string? trace = null;
            Dictionary<string, string>? attributes = null;
            var depthOfEvent = -1;
            var lineOfEvent = 0L;
            var lines = (IXmlLineInfo)xml;
            try
            {
                while (await xml.ReadAsync())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "trace")
                    {
                        trace = null;
                    }
                    else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "event")
                    {
                        attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                        depthOfEvent = xml.Depth;
                        lineOfEvent = lines.LineNumber;
                        if (xml.IsEmptyElement)
                        {
                            Add(events, trace, attributes, lineOfEvent, unusable);
                            attributes = null;
                        }
                    }
                    else if (xml.NodeType == XmlNodeType.Element && xml.GetAttribute("key") is { } key && xml.GetAttribute("value") is { } value)
                    {
                        if (attributes is not null && xml.Depth == depthOfEvent + 1)
                        {
                            attributes[key] = value;
                        }
                        else if (attributes is null && key == mapping.Columns.Ticket)
                        {
                            trace = value;
                        }
                    }
                    else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "event" && attributes is not null)
                    {
                        Add(events, trace, attributes, lineOfEvent, unusable);
                        attributes = null;
                    }
                }
            }
            catch (XmlException e)
            {
                unusable.Count("the XML breaks off or is malformed; the rest is not read", e.LineNumber);
            }
        }

        foreach (var entry in events.OrderBy(e => e.At))
        {
            yield return entry;
        }
    }

    private void Add(List<HistoryEvent> events, string? trace, Dictionary<string, string> attributes, long line, UnusableRows unusable)
    {
        if (trace is null)
        {
            unusable.Count("event outside a trace with a case id", line);
            return;
        }

        var (entry, reason) = mapping.ToEvent(trace, key => key is null ? null : attributes.GetValueOrDefault(key));
        if (entry is not null)
        {
            events.Add(entry);
        }
        else
        {
            unusable.Count(reason!, line);
        }
    }
}
