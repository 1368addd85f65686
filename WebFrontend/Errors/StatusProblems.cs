namespace SecureCall.WebFrontend.Errors;

/// <summary>
/// Gives the problems the framework writes by itself (status code pages: unknown route, wrong method, a body that is
/// not JSON) the <c>code</c> and a detail that every problem of this API has, worded here rather than by the framework.
/// </summary>
public static class StatusProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }
        var (code, detail) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("MalformedRequest", "The request is malformed."),
            StatusCodes.Status401Unauthorized => ("Unauthorized", "A valid Bearer token is required."),
            StatusCodes.Status403Forbidden => ("Forbidden", "This request is not allowed for this token."),
            StatusCodes.Status404NotFound => ("NotFound", "There is nothing at this address."),
            StatusCodes.Status405MethodNotAllowed => ("MethodNotAllowed", "This address does not take this method."),
            StatusCodes.Status413PayloadTooLarge => ("PayloadTooLarge", "The request body is larger than allowed."),
            StatusCodes.Status415UnsupportedMediaType => ("UnsupportedMediaType", "The request body must be JSON (Content-Type: application/json)."),
            StatusCodes.Status429TooManyRequests => ("RateLimited", "Too many requests; wait a minute."),
            _ => ("InternalError", "The server failed to process the request."),
        };
        problem.Extensions["code"] = code;
        problem.Detail ??= detail;
        problem.Type = $"https://securecall.dev/problems/{code}";
    }
}
