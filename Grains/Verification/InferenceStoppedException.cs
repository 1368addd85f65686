namespace SecureCall.Grains.Verification;

/// <summary>
/// A model call refused because the silo is stopping: the models are about to be (or have been) freed, and a call
/// that started now could run on freed native memory.
/// </summary>
public sealed class InferenceStoppedException() : InvalidOperationException("Face inference has stopped: the silo is shutting down.");
