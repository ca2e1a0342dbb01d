using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Testing;

/// <summary>
/// A test server on real Kestrel at 127.0.0.1 and a free port, for what needs a socket: a browser, the CLI, Kestrel's
/// own limits, a load test.
/// </summary>
internal static class LoopbackKestrel
{
    /// <summary>Starts the server on Kestrel at 127.0.0.1 and answers its address, with the trailing slash relative URIs need.</summary>
    public static Uri StartOnLoopback<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>A client of the server at <paramref name="baseAddress"/> that sends <paramref name="apiKey"/>.</summary>
    public static HttpClient WithApiKey(this Uri baseAddress, string apiKey)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        return client;
    }
}
