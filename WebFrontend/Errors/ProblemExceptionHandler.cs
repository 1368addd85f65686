using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.WebFrontend.Errors;

/// <summary>
/// Turns refusals and malformed requests into RFC 7807 problem details with a clear message and a 4xx status.
/// Anything else stays a 500 without internals, and is logged.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, code) = exception switch
        {
            SecureCallException refusal => With(FailureStatus.Of(refusal.Code), refusal.Message, refusal.Code.ToString()),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request too large", "The request body is larger than allowed.", "PayloadTooLarge"),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "The request body must be JSON (Content-Type: application/json).", "UnsupportedMediaType"),
            BadHttpRequestException bad => (StatusCodes.Status400BadRequest, "Malformed request", Describe(bad), "MalformedRequest"),
            // Only a request with a body can be malformed JSON; a JsonException anywhere else is the server's own (a 500, logged).
            JsonException json when context.Request.ContentLength > 0 || context.Request.HasJsonContentType() =>
                (StatusCodes.Status400BadRequest, "Malformed request", Describe(json), "MalformedRequest"),
            // The cluster lost the silo that held the request, or did not answer in time: nothing to fix in the request.
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The service did not answer in time; try again shortly.", "ServiceUnavailable"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed to process the request.", "InternalError"),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
        }
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://securecall.dev/problems/{code}" };
        problem.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (int, string, string, string) With((int Status, string Title) mapped, string detail, string code) =>
        (mapped.Status, mapped.Title, detail, code);

    // Neither the framework's nor the serializer's text reaches the client: they name .NET types ("could not be
    // converted to System.String", 'parameter "ChallengeRequest request"'). The JSON error's path names the field.
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => Describe(json),
        _ when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "The request needs a JSON object as its body.",
        _ => RouteParameter().Match(bad.Message) is { Success: true } match
            ? $"The value of {match.Groups["name"].Value} is malformed."
            : "The request is malformed.",
    };

    private static string Describe(JsonException json) => json.Path switch
    {
        null or "" or "$" => json.LineNumber is { } line
            ? $"The JSON body is invalid (line {line + 1}, byte {json.BytePositionInLine + 1})."
            : "The JSON body is invalid.",
        var path => $"The JSON body is invalid at {path}: a value of the wrong type or malformed JSON.",
    };

    /// <summary>The parameter's name in the framework's 'parameter "Type name"' texts.</summary>
    [GeneratedRegex("""parameter "(?:[^" ]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)"?""", RegexOptions.CultureInvariant)]
    private static partial Regex RouteParameter();
}
