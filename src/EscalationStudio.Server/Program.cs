using EscalationStudio.Server.Auth;
using EscalationStudio.Server.BrowserSecurity;
using EscalationStudio.Server.Delivery;
using EscalationStudio.Server.Health;
using EscalationStudio.Server.HealthFigures;
using EscalationStudio.Server.Hosting;
using EscalationStudio.Server.OpenApi;
using EscalationStudio.Server.Org;
using EscalationStudio.Server.Runtime;
using EscalationStudio.Server.Shell;
using EscalationStudio.Server.Studio;
using EscalationStudio.Server.Telemetry;
using EscalationStudio.Server.Tickets;
using EscalationStudio.Server.Validation;

var builder = WebApplication.CreateBuilder(args);
// The pages' package files (_content/MudBlazor/…) are found through this manifest, which ASP.NET Core reads only in
// Development unless asked; a published server has them in wwwroot and no manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.Services
    .AddEscalationHosting()
    .AddEscalationAuthentication()
    .AddOrgDirectory()
    .AddTicketApi()
    .AddApiDocumentation()
    .AddStudio()
    .AddWebUi()
    .AddPolicyRuntime(builder.Configuration)
    .AddEscalationHealth()
    .AddEscalationTelemetry()
    .AddDelivery()
    .AddJsonCompression();

var app = builder.Build();
await app.PrepareEscalationAsync();

app.UseResponseCompression();
app.UseBrowserSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseLivePageSignIn();
app.UseAuthorization();
app.UseAntiforgery();
app.UseUtf8Bodies();

app.MapHealthEndpoints();
app.MapApiDocumentation();
app.MapTicketEndpoints();
app.MapOrgEndpoints();
app.MapEscalationHealthEndpoints();
app.MapEscalationTelemetry();
app.MapStudio();
app.MapWebUi();

app.Run();

// WebApplicationFactory<Program> in the tests needs a public entry type.
public partial class Program;
