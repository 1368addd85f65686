using SecureCall.Hosting;

// The headless silo: the same silo configuration as the standalone web host, without HTTP.
// `migrate`: bring the cluster's PostgreSQL database to the current schema, then exit.
// `verify-audit`: check the audit chain against its signed checkpoints, print the result; exit code 0 if intact.
var command = args.FirstOrDefault() is MigrateCommand.Name or AuditVerifyCommand.Name ? args[0] : null;
var builder = Host.CreateApplicationBuilder(command is null ? args : args[1..]);
if (command == MigrateCommand.Name)
{
    using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
    return await MigrateCommand.RunAsync(builder.Configuration, loggers, Console.Out);
}
builder.UseOrleans(silo => silo.AddSecureCallSilo(builder.Configuration));
var host = builder.Build();
if (command == AuditVerifyCommand.Name)
{
    // Reads the database only and starts no silo, so it may run beside the server.
    return await AuditVerifyCommand.RunAsync(host.Services, Console.Out);
}
await host.RunAsync();
return 0;
