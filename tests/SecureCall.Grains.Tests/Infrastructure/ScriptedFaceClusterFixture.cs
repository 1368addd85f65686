using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// A cluster whose frame analysis is scripted (<see cref="ScriptedFaceAnalyzer"/>), for session tests on constructed
/// measurement sequences: an embedding on every frame, and a frame rate that recorded sequences fed back to back never
/// reach (the per-session rate has its own tests on the real models).
/// </summary>
public class ScriptedFaceClusterFixture : ClusterFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("SecureCall:Verification:EmbeddingEveryFrames", "1"),
        new("SecureCall:Verification:FramesPerSecond", "100000"),
    ];

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.Replace(ServiceDescriptor.Singleton<IFaceFrameAnalyzer, ScriptedFaceAnalyzer>());
}
