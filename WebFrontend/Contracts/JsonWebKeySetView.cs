namespace SecureCall.WebFrontend.Contracts;

public sealed record JsonWebKeySetView(IReadOnlyList<JsonWebKeyView> Keys);
