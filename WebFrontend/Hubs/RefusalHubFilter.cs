using Microsoft.AspNetCore.SignalR;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>
/// Turns refusals into <see cref="HubException"/>s whose text is "Code: message", the only error text SignalR sends
/// to a browser, and logs them as warnings with their code; anything unexpected becomes a generic error and is
/// logged as an error. A call that ends because its client went away is a normal end, not an error.
/// </summary>
public sealed class RefusalHubFilter(ILogger<RefusalHubFilter> logger) : IHubFilter
{
    /// <summary>
    /// SignalR's dispatcher logs every exception a hub method throws at error level, refusals included; this filter
    /// logs each call's outcome itself (see <see cref="Composition.SecureCallApiExtensions.AddSecureCallFrontend"/>).
    /// </summary>
    public const string DispatcherLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (SecureCallException refusal)
        {
            logger.LogWarning("Hub method {Method} refused: {Code}: {Reason}", context.HubMethodName, refusal.Code, refusal.Message);
            throw new HubException($"{refusal.Code}: {refusal.Message}");
        }
        catch (HubException refusal)
        {
            logger.LogWarning("Hub method {Method} refused: {Reason}", context.HubMethodName, refusal.Message);
            throw;
        }
        catch (OperationCanceledException) when (context.Context.ConnectionAborted.IsCancellationRequested)
        {
            // The client closed its stream or its connection: nobody is left to answer.
            logger.LogDebug("Hub method {Method} ended: the connection closed", context.HubMethodName);
            return null;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Hub method {Method} failed", context.HubMethodName);
            throw new HubException("InternalError: the server failed to process the request.");
        }
    }
}
