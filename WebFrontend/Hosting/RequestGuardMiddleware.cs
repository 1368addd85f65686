using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Caps request bodies before they are read and records the client address for audit records written in grains.
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    private const int ReadChunkBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        // An endpoint may declare its own cap (frame bursts); everything else gets the small default.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }
        if (HasBodyOfUnknownLength(context))
        {
            await ReadBodyWithinAsync(context, limit);
        }
        AuditSource.Set(ClientAddress.Of(context));
        await next(context);
    }

    /// <summary>
    /// A body sent without Content-Length (chunked) is read here, up to the cap, so it is refused with the same 413 as an
    /// announced one: the JSON binder turns a failed read into a 400, and not every server enforces the size feature.
    /// </summary>
    private static async Task ReadBodyWithinAsync(HttpContext context, long limit)
    {
        var body = new MemoryStream();
        context.Response.RegisterForDispose(body);
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw TooLarge(limit);
                }
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        body.Position = 0;
        context.Request.Body = body;
        context.Request.ContentLength = body.Length;
    }

    // Requests that upgrade the connection (WebSockets) carry no body to read: their stream is the connection itself.
    private static bool HasBodyOfUnknownLength(HttpContext context) =>
        context.Request.ContentLength is null
        && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method))
        && context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true }
        && context.Features.Get<IHttpExtendedConnectFeature>() is not { IsExtendedConnect: true };

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
}
