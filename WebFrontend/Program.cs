using SecureCall.Hosting;
using SecureCall.WebFrontend.Composition;
using SecureCall.WebFrontend.Hosting;

// `rotate-template-keys`: re-seal every face template under the active key-encryption key, then exit.
// `verify-audit`: check the audit chain against its signed checkpoints, print the result; exit code 0 if intact.
const string RotateTemplateKeys = "rotate-template-keys";
var command = args.FirstOrDefault() is RotateTemplateKeys or AuditVerifyCommand.Name ? args[0] : null;
var builder = WebApplication.CreateBuilder(command is null ? args : args[1..]);
builder.AddSecureCallFrontend();

var app = builder.Build();
if (command == AuditVerifyCommand.Name)
{
    // Reads the database only: no silo, no HTTP, no checkpoint written, so it may run beside the server.
    return await AuditVerifyCommand.RunAsync(app.Services, Console.Out);
}
app.UseSecureCallFrontend();
if (command == RotateTemplateKeys)
{
    await app.StartAsync();
    var (users, rewrapped) = await StandaloneSilo.RotateTemplateKeysAsync(app.Services);
    Console.WriteLine($"{rewrapped} of {users} users' face templates re-sealed under the active key-encryption key.");
    await app.StopAsync();
    return 0;
}
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("SecureCall.Orleans is running ({Mode}) at {Urls}",
    ClusterFrontend.IsClusterMode(app.Configuration) ? "cluster frontend" : "standalone", string.Join(", ", app.Urls)));
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
