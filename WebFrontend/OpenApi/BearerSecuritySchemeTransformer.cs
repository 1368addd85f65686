using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecureCall.WebFrontend.OpenApi;

/// <summary>Adds the Bearer (RS256 JWT) security scheme and the problem-details schema every refusal uses.</summary>
public sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";
    public const string ProblemSchemaName = "Problem";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SecureCall.Orleans";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An RS256 access token from POST /api/auth/respond, /api/auth/login or a passed verification session.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 7807 problem details; code names the refusal (see FailureCode).",
            Required = new HashSet<string> { "code", "status", "title" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        return Task.CompletedTask;
    }
}
