using SecureCall.WebFrontend.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSecureCallFrontend();

var app = builder.Build();
app.UseSecureCallFrontend();
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("SecureCall.Orleans is running (standalone) at {Urls}", string.Join(", ", app.Urls)));
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
