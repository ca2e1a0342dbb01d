var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));
app.Run();

// WebApplicationFactory<Program> in the tests needs a public entry type.
public partial class Program;
