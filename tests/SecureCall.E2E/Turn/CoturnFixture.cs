namespace SecureCall.E2E.Turn;

/// <summary>One coturn (shipped settings, on 127.0.0.1) for a test class.</summary>
public sealed class CoturnFixture : IAsyncLifetime
{
    public CoturnProcess Coturn { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Coturn = await CoturnProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Coturn is not null) await Coturn.DisposeAsync();
    }
}
