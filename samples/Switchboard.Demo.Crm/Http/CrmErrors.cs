using Microsoft.AspNetCore.Http;

namespace Switchboard.Demo.Crm.Http;

/// <summary>Responses in the CRM's own error shape.</summary>
internal static class CrmErrors
{
    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "NOT_FOUND", message);

    public static IResult BadRequest(string errorCode, string message) => Error(StatusCodes.Status400BadRequest, errorCode, message);

    public static IResult PreconditionFailed(string message) => Error(StatusCodes.Status412PreconditionFailed, "PRECONDITION_FAILED", message);

    public static IResult Conflict(string errorCode, string message) => Error(StatusCodes.Status409Conflict, errorCode, message);

    public static IResult Error(int statusCode, string errorCode, string message) =>
        TypedResults.Json(new CrmError(errorCode, message), statusCode: statusCode);
}
