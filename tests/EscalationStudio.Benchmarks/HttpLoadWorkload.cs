using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// What the load clients ask, as a support floor's tools and inbound channels would: a mix of every ticket route on
/// the seeded tickets (conversations of 5–50 messages) and on the tickets the load opens. Each ticket is worked on by
/// one request at a time, and the client follows its tier and status, so the requests are ones the ticket's lifecycle
/// allows: escalations go tier-1 → tier-2 and de-escalations back, reassignments stay within the tier, status moves
/// between open and pending, and tickets are solved about as fast as the load opens them (see <see cref="OpenTickets"/>).
/// </summary>
internal sealed class HttpLoadWorkload
{
    // Out of 100: reads a third, customer and agent messages 40, the moves of a case the rest.
    private static readonly (Operation Operation, int Weight)[] Mix =
    [
        (Operation.Create, 5),
        (Operation.CustomerMessage, 26),
        (Operation.AgentMessage, 14),
        (Operation.Get, 27),
        (Operation.Timeline, 4),
        (Operation.Status, 10),
        (Operation.Assign, 6),
        (Operation.Move, 8),
    ];

    private static readonly string[][] AgentsByLevel =
    [
        ["ana.kovac", "malik.haddad", "sofia.moreno", "jonas.becker"],
        ["katrin.vogel", "ravi.shankar", "isabel.costa", "finn.hansen"],
    ];

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly List<LoadTicket> _tickets;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int> _failed = new();
    private readonly bool _preferMinimal;
    private readonly int _seeded;
    private readonly Operation? _only;
    private int _created;
    private long _events;

    /// <param name="seeded">The tickets the server opened before the load starts.</param>
    /// <param name="preferMinimal">Whether writes ask for <c>Prefer: return=minimal</c>.</param>
    /// <param name="only">One route alone instead of the mix, to read what that route costs.</param>
    public HttpLoadWorkload(IEnumerable<Guid> seeded, bool preferMinimal, Operation? only = null)
    {
        _only = only;
        _tickets = [.. seeded.Select(id => new LoadTicket(id))];
        _seeded = _tickets.Count;
        _preferMinimal = preferMinimal;
    }

    public enum Operation
    {
        Create,
        CustomerMessage,
        AgentMessage,
        Get,
        Timeline,
        Status,
        Assign,
        Move,
    }

    /// <summary>The tickets the load works on now: the seeded ones and those it opened, less those it solved.</summary>
    public int OpenTickets
    {
        get
        {
            lock (_tickets)
            {
                return _tickets.Count;
            }
        }
    }

    /// <summary>Ticket events the requests made (by the client's count: one per successful write).</summary>
    public long ClientEvents => Interlocked.Read(ref _events);

    public static string MessageBody(Random random, bool customer) => (customer, random.Next(4)) switch
    {
        (true, 0) => "The export still fails with the same error; I attached the log from this morning.",
        (true, 1) => "Any news on this? Our month-end close depends on the export.",
        (true, 2) => "Tried again after clearing the cache, same spinner. Firefox 133 on Windows 11.",
        (true, _) => "Thanks, that worked for the first file but the second one is still stuck at 90 %.",
        (false, 0) => "Thanks for the details. I could reproduce it and have passed it to our engineers.",
        (false, 1) => "Could you send the export settings you used (Settings → Export → Copy settings)?",
        (false, 2) => "A fix is scheduled for tomorrow's release; I will update you once it is live.",
        _ => "I have reset the export job on our side; please try once more and tell me what you see.",
    };

    /// <summary>Sends one request of the mix; true when it was answered with success.</summary>
    public async Task<bool> SendAsync(HttpClient http, Random random)
    {
        var operation = _only ?? Pick(random);
        var ticket = operation == Operation.Create ? null : Take(random);
        if (ticket is null)
        {
            return await CreateAsync(http);
        }

        try
        {
            return await SendAsync(http, random, operation, ticket);
        }
        finally
        {
            Volatile.Write(ref ticket.Busy, 0);
        }
    }

    private async Task<bool> SendAsync(HttpClient http, Random random, Operation operation, LoadTicket ticket)
    {
        switch (operation)
        {
            case Operation.Get:
                return await ReadAsync(http, ticket.Path);
            case Operation.Timeline:
                return await ReadAsync(http, ticket.Path + "/timeline");
            case Operation.CustomerMessage:
                {
                    var ok = await WriteAsync(http, ticket.Path + "/messages", $"{{\"kind\":\"customer\",\"body\":\"{MessageBody(random, customer: true)}\"}}");
                    if (ok)
                    {
                        // A customer reply reopens a pending ticket.
                        ticket.Pending = false;
                    }

                    return ok;
                }

            case Operation.AgentMessage:
                return await WriteAsync(http, ticket.Path + "/messages", $"{{\"kind\":\"agent\",\"body\":\"{MessageBody(random, customer: false)}\"}}");
            case Operation.Status:
                {
                    // A floor solves about as many tickets as it opens: once more are open than were seeded, a status
                    // change solves the ticket and the load stops working on it, so the working set stays a floor's open
                    // tickets instead of growing by every ticket the load opens.
                    if (!ticket.Pending && OpenTickets > _seeded)
                    {
                        var solved = await WriteAsync(http, ticket.Path + "/status", "{\"status\":\"solved\",\"note\":\"Fix confirmed by the customer\"}");
                        if (solved)
                        {
                            Retire(ticket);
                        }

                        return solved;
                    }

                    var ok = await WriteAsync(http, ticket.Path + "/status", ticket.Pending ? "{\"status\":\"open\"}" : "{\"status\":\"pending\",\"note\":\"Waiting for the customer's logs\"}");
                    if (ok)
                    {
                        ticket.Pending = !ticket.Pending;
                    }

                    return ok;
                }

            case Operation.Assign:
                {
                    var agents = AgentsByLevel[ticket.Level - 1];
                    return await WriteAsync(http, ticket.Path + "/assign", $"{{\"agentId\":\"{agents[random.Next(agents.Length)]}\",\"note\":\"Shift handover\"}}");
                }

            default:
                {
                    var up = ticket.Level == 1;
                    var owner = AgentsByLevel[up ? 1 : 0][random.Next(4)];
                    var ok = up
                        ? await WriteAsync(http, ticket.Path + "/escalate", $"{{\"reason\":\"Needs a log analysis\",\"tier\":\"tier-2\",\"owner\":\"{owner}\"}}")
                        : await WriteAsync(http, ticket.Path + "/de-escalate", $"{{\"tier\":\"tier-1\",\"owner\":\"{owner}\",\"note\":\"Workaround given; tier 1 follows up with the customer\"}}");
                    if (ok)
                    {
                        ticket.Level = up ? 2 : 1;
                    }

                    return ok;
                }
        }
    }

    private async Task<bool> CreateAsync(HttpClient http)
    {
        var n = Interlocked.Increment(ref _created);
        using var request = Post("api/tickets",
            $"{{\"subject\":\"Export stuck (load #{n})\",\"description\":\"Opened by the HTTP load benchmark.\",\"channel\":\"email\"," +
            $"\"requester\":{{\"name\":\"Load Customer {n % 500}\",\"email\":\"load-{n % 500}@example.com\"}}}}");
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is not { } location)
        {
            return Failed(response);
        }

        Interlocked.Increment(ref _events);
        var id = Guid.Parse(location.OriginalString.AsSpan(location.OriginalString.LastIndexOf('/') + 1));
        lock (_tickets)
        {
            _tickets.Add(new LoadTicket(id));
        }

        return true;
    }

    private async Task<bool> ReadAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.IsSuccessStatusCode || Failed(response);
    }

    private async Task<bool> WriteAsync(HttpClient http, string path, string json)
    {
        using var request = Post(path, json);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return Failed(response);
        }

        Interlocked.Increment(ref _events);
        return true;
    }

    /// <summary>The failed requests since the last call, by status ("503 x 120, 409 x 3"), so a window says what failed.</summary>
    public string TakeFailures()
    {
        var taken = _failed.Keys.Select(status => (Status: (int)status, Count: _failed.TryRemove(status, out var count) ? count : 0)).Where(f => f.Count > 0);
        return string.Join(", ", taken.OrderByDescending(f => f.Count).Select(f => $"{f.Status} x {f.Count:N0}"));
    }

    private bool Failed(HttpResponseMessage response)
    {
        _failed.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
        return false;
    }

    private HttpRequestMessage Post(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = Json;
        if (_preferMinimal)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "return=minimal");
        }

        return request;
    }

    private static Operation Pick(Random random)
    {
        var roll = random.Next(100);
        foreach (var (operation, weight) in Mix)
        {
            if ((roll -= weight) < 0)
            {
                return operation;
            }
        }

        return Operation.Get;
    }

    private void Retire(LoadTicket ticket)
    {
        lock (_tickets)
        {
            // Order does not matter to a random pick: the last ticket fills the solved one's place.
            var index = _tickets.IndexOf(ticket);
            _tickets[index] = _tickets[^1];
            _tickets.RemoveAt(_tickets.Count - 1);
        }
    }

    /// <summary>A ticket no other request is working on, or null when a few tries find none.</summary>
    private LoadTicket? Take(Random random)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            LoadTicket ticket;
            lock (_tickets)
            {
                if (_tickets.Count == 0)
                {
                    return null;
                }

                ticket = _tickets[random.Next(_tickets.Count)];
            }

            if (Interlocked.CompareExchange(ref ticket.Busy, 1, 0) == 0)
            {
                return ticket;
            }
        }

        return null;
    }

    private sealed class LoadTicket(Guid id)
    {
        public int Busy;

        public string Path { get; } = $"api/tickets/{id}";

        public int Level { get; set; } = 1;

        public bool Pending { get; set; }
    }
}
