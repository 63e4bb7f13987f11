using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Common;

namespace Switchboard.Server.Errors;

/// <summary>Problem-details results shared by the endpoints.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(IEnumerable<FieldError> errors, string? detail = null) =>
        TypedResults.ValidationProblem(FieldError.ByField(errors), detail: detail ?? "One or more fields are invalid; nothing was changed.");

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} has id '{id}'.");
}
