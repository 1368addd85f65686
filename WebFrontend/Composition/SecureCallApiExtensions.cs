using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Apis;
using SecureCall.WebFrontend.Errors;
using SecureCall.WebFrontend.Hubs;
using SecureCall.WebFrontend.OpenApi;
using SecureCall.WebFrontend.Hosting;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.WebFrontend.Composition;

/// <summary>Wires the web host: co-hosted silo, JSON, problem details, limits, authentication, endpoints.</summary>
public static class SecureCallApiExtensions
{
    public static WebApplicationBuilder AddSecureCallFrontend(this WebApplicationBuilder builder)
    {
        builder.AddSecureCallBackend();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.AddSecureCallTelemetry();
        builder.AddSecureCallManagementPort();

        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart()
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.SignatureRequestsPerMinutePerIp > 0 && o.PasswordRequestsPerMinutePerIp > 0
                && o.TokenRequestsPerMinutePerIp > 0, "SecureCall:Api limits must be positive.")
            .Validate(o => o.HasValidPublicBaseUrl, "SecureCall:Api:PublicBaseUrl must be an absolute http(s) URL without query.");
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart()
            .Validate(o => o.UserIds.Count == 0, "SecureCall:Admin:UserIds is no longer honoured: an id alone makes whoever registers it first an administrator. "
                + "Bind each administrator to their signing key instead: SecureCall:Admin:Keys entries 'userId=fingerprint' (docs/deploying.md).")
            .Validate(o => o.Keys.All(entry => AdministratorKey.TryParse(entry, out _)),
                "SecureCall:Admin:Keys entries must be 'userId=fingerprint': a valid user id and the base64url SHA-256 of the signing key's SPKI (43 characters).")
            .Validate(o => o.Keys.Select(entry => AdministratorKey.TryParse(entry, out var key) ? key.UserId : entry).Distinct(StringComparer.Ordinal).Count() == o.Keys.Count,
                "SecureCall:Admin:Keys names a user twice.");
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOptions<IceServerOptions>().BindConfiguration(IceServerOptions.SectionName).ValidateOnStart()
            .Validate(o => o.TurnUrls.Count == 0 || !string.IsNullOrEmpty(o.TurnSharedSecret), "SecureCall:IceServers:TurnUrls need TurnSharedSecret.")
            .Validate(o => o.CredentialLifetime > TimeSpan.Zero && o.CredentialLifetime <= TimeSpan.FromDays(1), "SecureCall:IceServers:CredentialLifetime must be 0–24 h.")
            .Validate(o => o.IceTransportPolicy != IceTransportPolicy.Relay || o.TurnUrls.Count > 0, "SecureCall:IceServers:IceTransportPolicy Relay needs TurnUrls (and TurnSharedSecret).")
            .Validate(o => Enum.IsDefined(o.IceTransportPolicy), "SecureCall:IceServers:IceTransportPolicy must be All or Relay.");
        services.AddSignalR(hub =>
        {
            // An offer carries up to 16 KiB of SDP; leave room for the envelope, refuse anything bigger.
            hub.MaximumReceiveMessageSize = 64 * 1024;
            hub.AddFilter<RefusalHubFilter>();
        }).AddHubOptions<VerifyHub>(hub =>
        {
            // A camera frame may be up to 512 KiB; JSON base64 makes it about 700 KiB.
            hub.MaximumReceiveMessageSize = 768 * 1024;
        }).AddMessagePackProtocol();
        services.AddSingleton<RefusalHubFilter>();
        // The filter logs refusals as warnings (with their code) and failures as errors; the dispatcher would log both
        // again as errors.
        builder.Logging.AddFilter(RefusalHubFilter.DispatcherLogCategory, LogLevel.Critical);
        services.AddSingleton<CallObserver>();
        services.AddSingleton<FrontendPresence>();
        services.AddHostedService(sp => sp.GetRequiredService<FrontendPresence>());
        services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.Customize);
        // AllowedHostsMiddleware filters hosts and answers with a problem; the framework's filter (plain-text 400,
        // ahead of every middleware of this host) lets all of them through to it.
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSecureCallRateLimits();
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecuritySchemeTransformer>().AddOperationTransformer<ProblemResponsesTransformer>());
        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenValidator>((bearer, validator) =>
        {
            bearer.MapInboundClaims = false;
            // Kept with the authentication result: grains that change a user's security state validate it again (AccessTokenProof).
            bearer.SaveToken = true;
            bearer.TokenValidationParameters = validator.Parameters;
            bearer.Events = new JwtBearerEvents
            {
                OnChallenge = WriteUnauthorizedProblemAsync,
                // Browsers cannot set headers on WebSockets: hubs take the token from the query string.
                OnMessageReceived = context =>
                {
                    if ((context.HttpContext.Request.Path.StartsWithSegments("/hubs") || context.HttpContext.Request.Path.StartsWithSegments("/ws")) && context.Request.Query["access_token"] is { Count: 1 } token)
                    {
                        context.Token = token;
                    }
                    return Task.CompletedTask;
                },
            };
        });
        return builder;
    }

    public static WebApplication UseSecureCallFrontend(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<AllowedHostsMiddleware>();
        app.UseMiddleware<ManagementSurfaceMiddleware>();
        app.MapSecureCallTelemetry();
        app.UseBrowserClient();
        // Routing first, so the guard sees the endpoint's own body-size limit.
        app.UseRouting();
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // After authentication and rate limiting: only a request that may reach its endpoint has its chunked body read ahead.
        app.UseMiddleware<UnknownLengthBodyMiddleware>();

        app.MapOpenApi();
        app.MapHealthApi();
        app.MapProbesApi();
        app.MapUsersApi();
        app.MapAuthApi();
        app.MapTokenApi();
        app.MapCallsApi();
        app.MapPresenceApi();
        app.MapVerificationApi();
        app.MapFaceApi();
        app.MapAdminApi();
        app.MapSecureCallDashboard();
        // A connection lives no longer than the token it was opened with: at its expiry the server closes it, and the
        // client reconnects with a fresh token (its access-token factory is asked again on every connect).
        app.MapHub<CallHub>(CallHub.Path, hub => hub.CloseOnAuthenticationExpiration = true);
        app.MapHub<VerifyHub>(VerifyHub.Path, hub => hub.CloseOnAuthenticationExpiration = true);
        app.UseWebSockets();
        app.MapVerificationSocket();
        return app;
    }

    private static async Task WriteUnauthorizedProblemAsync(JwtBearerChallengeContext challenge)
    {
        challenge.HandleResponse();
        challenge.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await challenge.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = challenge.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required",
                Detail = challenge.AuthenticateFailure is null ? "A valid Bearer token is required." : "The Bearer token is invalid or expired.",
                Type = "https://securecall.dev/problems/Unauthorized",
            },
        });
    }
}
