using SecureCall.Hosting;

// The headless silo: the same silo configuration as the standalone web host, without HTTP.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddSecureCallSilo(builder.Configuration));
builder.Build().Run();
