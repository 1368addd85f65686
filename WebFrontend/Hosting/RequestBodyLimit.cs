using Microsoft.AspNetCore.Http.Metadata;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>The largest body a request may carry: the endpoint's own cap (frame bursts), else <see cref="ApiOptions.MaxRequestBodyBytes"/>.</summary>
public static class RequestBodyLimit
{
    public static long Of(HttpContext context, ApiOptions options) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.MaxRequestBodyBytes;

    public static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
}
