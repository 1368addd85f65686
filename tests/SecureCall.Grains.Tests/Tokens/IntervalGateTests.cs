using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Tests.Tokens;

public sealed class IntervalGateTests
{
    [Fact]
    public void FirstCaller_Passes_AndEveryOtherWithinTheInterval_IsHeldBack()
    {
        var gate = new IntervalGate(TimeSpan.FromHours(1));

        Assert.True(gate.TryPass());
        Assert.False(gate.TryPass());
    }

    [Fact]
    public void ManyConcurrentCallers_OneOfThemPasses()
    {
        var gate = new IntervalGate(TimeSpan.FromHours(1));
        var passed = 0;

        Parallel.For(0, 1_000, _ =>
        {
            if (gate.TryPass())
            {
                Interlocked.Increment(ref passed);
            }
        });

        Assert.Equal(1, passed);
    }

    [Fact]
    public async Task AfterTheInterval_TheNextCallerPasses()
    {
        var gate = new IntervalGate(TimeSpan.FromMilliseconds(50));
        Assert.True(gate.TryPass());

        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.True(gate.TryPass());
    }
}
