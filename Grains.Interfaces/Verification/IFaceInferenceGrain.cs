namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>Stateless worker that runs the face models on one frame. Never throws for bad input: it answers with a typed status.</summary>
public interface IFaceInferenceGrain : IGrainWithIntegerKey
{
    Task<FaceInferenceResult> AnalyzeAsync(FaceInferenceRequest request);
}
