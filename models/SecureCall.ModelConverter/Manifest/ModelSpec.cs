namespace SecureCall.ModelConverter.Manifest;

/// <summary>One model to convert, with its provenance as stated in the manifest.</summary>
/// <param name="Name">File stem in the package's models/ folder.</param>
/// <param name="Upstream">Where the weights originally come from.</param>
/// <param name="Licence">Licence of the upstream weights, said plainly when unclear.</param>
/// <param name="ExtraOutputs">Inner nodes to export as outputs in addition to the graph's own.</param>
public sealed record ModelSpec(string Name, string Upstream, string Licence, IReadOnlyList<string> ExtraOutputs);
