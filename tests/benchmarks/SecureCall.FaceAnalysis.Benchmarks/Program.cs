using BenchmarkDotNet.Running;
using SecureCall.FaceAnalysis.Benchmarks;

BenchmarkRunner.Run<FrameAnalysisBenchmarks>(args: args);
