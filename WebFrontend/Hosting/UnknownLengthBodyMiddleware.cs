using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Reads a body sent without Content-Length (chunked) up to the request's cap before the endpoint sees it, so it is
/// refused with the same 413 as an announced one: the JSON binder turns a failed read into a 400, and not every server
/// enforces the size feature. It runs after authentication and rate limiting, so only a request that may reach its
/// endpoint is buffered, never more than that endpoint would read anyway.
/// </summary>
public sealed class UnknownLengthBodyMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    private const int ReadChunkBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (HasBodyOfUnknownLength(context))
        {
            await ReadBodyWithinAsync(context, RequestBodyLimit.Of(context, options.Value));
        }
        await next(context);
    }

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
                    throw RequestBodyLimit.TooLarge(limit);
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
}
