using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Common;

namespace Switchboard.Server.Errors;

/// <summary>Problem-details results shared by the endpoints.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(IEnumerable<FieldError> errors, string? detail = null)
    {
        var grouped = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(grouped, detail: detail ?? "One or more fields are invalid; nothing was changed.");
    }

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} has id '{id}'.");
}
