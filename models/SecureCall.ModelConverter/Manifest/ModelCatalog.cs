namespace SecureCall.ModelConverter.Manifest;

/// <summary>The models the product converts, in manifest order.</summary>
public static class ModelCatalog
{
    public const string SourcePackage = "@vladmandic/human";

    private const string MediaPipe = "Google MediaPipe (converted to TF.js by @vladmandic/human)";
    private const string Apache = "Apache-2.0 (MediaPipe)";
    private const string Unclear = "UNCLEAR: the package (MIT) does not state the upstream training source or licence of these weights; an operator must decide whether to use them or configure their own ONNX model";

    public static IReadOnlyList<ModelSpec> All { get; } =
    [
        new("blazeface", MediaPipe + ", BlazeFace short-range front camera", Apache, []),
        new("facemesh", MediaPipe + ", Face Mesh (468 landmarks)", Apache, []),
        new("iris", MediaPipe + ", Iris", Apache, []),
        new("emotion", "oarriaga/face_classification (mini-Xception, FER-2013)", "MIT (oarriaga/face_classification)", []),
        new("antispoof", "@vladmandic/human antispoof model, upstream not documented", Unclear, []),
        new("liveness", "@vladmandic/human liveness model, upstream not documented", Unclear, []),
        // The embedding is an inner node of faceres; the package reads it by name.
        new("faceres", "@vladmandic/human faceres (MobileNet descriptor + age/gender), upstream not documented", Unclear, ["global_pooling/Mean"]),
    ];
}
