using SecureCall.Hosting;

// The headless silo: the same silo configuration as the standalone web host, without HTTP.
// `verify-audit`: check the audit chain against its signed checkpoints, print the result; exit code 0 if intact.
var verify = args.FirstOrDefault() == AuditVerifyCommand.Name;
var builder = Host.CreateApplicationBuilder(verify ? args[1..] : args);
builder.UseOrleans(silo => silo.AddSecureCallSilo(builder.Configuration));
var host = builder.Build();
if (verify)
{
    // Reads the database only and starts no silo, so it may run beside the server.
    return await AuditVerifyCommand.RunAsync(host.Services, Console.Out);
}
await host.RunAsync();
return 0;
