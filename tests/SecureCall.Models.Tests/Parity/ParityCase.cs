namespace SecureCall.Models.Tests.Parity;

/// <summary>One TF.js reference run: the input fed and the outputs TF.js produced.</summary>
public sealed record ParityCase(string Model, string Case, ParityTensor Input, IReadOnlyList<ParityTensor> Outputs);
