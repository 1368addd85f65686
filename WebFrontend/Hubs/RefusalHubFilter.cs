using Microsoft.AspNetCore.SignalR;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>
/// Turns refusals into <see cref="HubException"/>s whose text is "Code: message", the only error text SignalR sends
/// to a browser; anything unexpected becomes a generic error and is logged.
/// </summary>
public sealed class RefusalHubFilter(ILogger<RefusalHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (SecureCallException refusal)
        {
            throw new HubException($"{refusal.Code}: {refusal.Message}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Hub method {Method} failed", context.HubMethodName);
            throw new HubException("InternalError: the server failed to process the request.");
        }
    }
}
