using BenchmarkDotNet.Running;
using SecureCall.FaceAnalysis.Benchmarks;

if (Array.IndexOf(args, "--first-frames") is var at and >= 0)
{
    FirstFrames.Run(warmed: args.ElementAtOrDefault(at + 1) != "cold");
    return;
}
BenchmarkRunner.Run<FrameAnalysisBenchmarks>(args: args);
