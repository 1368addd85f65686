using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.WebFrontend.Errors;

/// <summary>
/// Turns refusals and malformed requests into RFC 7807 problem details with a clear message and a 4xx status.
/// Anything else stays a 500 without internals, and is logged.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, code) = exception switch
        {
            SecureCallException refusal => With(FailureStatus.Of(refusal.Code), refusal.Message, refusal.Code.ToString()),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request too large", "The request body is larger than allowed.", "PayloadTooLarge"),
            BadHttpRequestException bad => (StatusCodes.Status400BadRequest, "Malformed request", Describe(bad), "MalformedRequest"),
            JsonException json => (StatusCodes.Status400BadRequest, "Malformed request", $"The JSON body is invalid: {json.Message}", "MalformedRequest"),
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

    // The framework's message names the parameter; the inner JSON error names the offending path.
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? $"The JSON body is invalid: {json.Message}" : bad.Message;
}
