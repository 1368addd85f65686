namespace SecureCall.WebFrontend.Contracts;

public sealed record PasswordRegisterResponse(string Username);
