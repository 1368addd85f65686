using SecureCall.ModelConverter.Onnx;

namespace SecureCall.ModelConverter.Manifest;

/// <summary>A converted model and the hashes recorded for it.</summary>
public sealed record ModelEntry(ModelSpec Spec, OnnxModel Model, string Sha256, string SourceJsonSha256, string SourceBinSha256);
