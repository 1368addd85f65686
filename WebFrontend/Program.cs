using SecureCall.WebFrontend.Hosting;

// `rotate-template-keys`: re-seal every face template under the active key-encryption key, then exit.
const string RotateTemplateKeys = "rotate-template-keys";
var rotate = args.FirstOrDefault() == RotateTemplateKeys;
var builder = WebApplication.CreateBuilder(rotate ? args[1..] : args);
builder.AddSecureCallFrontend();

var app = builder.Build();
app.UseSecureCallFrontend();
if (rotate)
{
    await app.StartAsync();
    var (users, rewrapped) = await StandaloneSilo.RotateTemplateKeysAsync(app.Services);
    Console.WriteLine($"{rewrapped} of {users} users' face templates re-sealed under the active key-encryption key.");
    await app.StopAsync();
    return;
}
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("SecureCall.Orleans is running (standalone) at {Urls}", string.Join(", ", app.Urls)));
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
