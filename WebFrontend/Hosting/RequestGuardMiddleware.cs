using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Caps request bodies before they are read and records the client address for audit records written in grains.
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = RequestBodyLimit.Of(context, options.Value);
        if (context.Request.ContentLength > limit)
        {
            throw RequestBodyLimit.TooLarge(limit);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }
        AuditSource.Set(ClientAddress.Of(context));
        return next(context);
    }
}
