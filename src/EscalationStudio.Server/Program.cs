using EscalationStudio.Server.Auth;
using EscalationStudio.Server.BrowserSecurity;
using EscalationStudio.Server.Delivery;
using EscalationStudio.Server.Health;
using EscalationStudio.Server.HealthFigures;
using EscalationStudio.Server.Hosting;
using EscalationStudio.Server.OpenApi;
using EscalationStudio.Server.Org;
using EscalationStudio.Server.Runtime;
using EscalationStudio.Server.Studio;
using EscalationStudio.Server.Telemetry;
using EscalationStudio.Server.Tickets;
using EscalationStudio.Server.Validation;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddEscalationHosting()
    .AddEscalationAuthentication()
    .AddOrgDirectory()
    .AddTicketApi()
    .AddApiDocumentation()
    .AddStudio()
    .AddPolicyRuntime(builder.Configuration)
    .AddEscalationHealth()
    .AddEscalationTelemetry()
    .AddDelivery();

var app = builder.Build();
await app.PrepareEscalationAsync();

app.UseBrowserSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseUtf8Bodies();

app.MapHealthEndpoints();
app.MapApiDocumentation();
app.MapTicketEndpoints();
app.MapOrgEndpoints();
app.MapEscalationHealthEndpoints();
app.MapEscalationTelemetry();
app.MapStudio();

app.Run();

// WebApplicationFactory<Program> in the tests needs a public entry type.
public partial class Program;
