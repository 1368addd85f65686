namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// One per web frontend process: delivers signals to the browsers of a user connected there. Grains never touch
/// SignalR; they call this observer and the frontend pushes through its hub context.
/// </summary>
public interface ICallObserver : IGrainObserver
{
    /// <summary>Delivers to every connection of <paramref name="userId"/> on this frontend, except one if given.</summary>
    Task DeliverAsync(string userId, CallSignal signal, string? exceptConnectionId);
}
