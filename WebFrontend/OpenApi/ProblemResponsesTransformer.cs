using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecureCall.WebFrontend.OpenApi;

/// <summary>
/// Describes on every operation what the API really answers when it refuses: RFC 7807 problems with a <c>code</c>
/// (400, 413, 429 everywhere; 401/403 and the Bearer requirement where a token is needed; 401 on the challenge
/// endpoints; 404/409 where a resource is named or created). The browser client generates its types from this
/// document, so the contract has one source.
/// </summary>
public sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["400"] = "Invalid or malformed request",
        ["401"] = "Missing, invalid or expired token, or a rejected challenge or signature",
        ["403"] = "The token does not prove enough (for example no signature login)",
        ["404"] = "Not found",
        ["409"] = "Conflict with the current state",
        ["413"] = "Request body too large",
        ["429"] = "Rate limited or locked out",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorized = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var route = context.Description.RelativePath ?? "";
        var method = context.Description.HttpMethod ?? "GET";
        var statuses = new List<string> { "400", "413", "429" };
        if (authorized || route.Contains("auth", StringComparison.OrdinalIgnoreCase) || route.StartsWith("api/users", StringComparison.Ordinal))
        {
            statuses.Add("401");
        }
        if (authorized)
        {
            statuses.Add("403");
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.SchemeName, context.Document)] = [] }];
        }
        if (route.Contains('{') || method is "POST" or "PUT")
        {
            statuses.Add("404");
            statuses.Add("409");
        }
        operation.Responses ??= [];
        foreach (var status in statuses.Where(s => !operation.Responses.ContainsKey(s)))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = Descriptions[status],
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(BearerSecuritySchemeTransformer.ProblemSchemaName, context.Document) },
                },
            };
        }
        return Task.CompletedTask;
    }
}
