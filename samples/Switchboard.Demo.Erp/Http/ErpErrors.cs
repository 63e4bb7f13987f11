using Microsoft.AspNetCore.Http;

namespace Switchboard.Demo.Erp.Http;

/// <summary>Responses in the ERP's own error shape.</summary>
internal static class ErpErrors
{
    public static IResult BadRequest(string text) => Error(StatusCodes.Status400BadRequest, text);

    public static IResult NotFound(string text) => Error(StatusCodes.Status404NotFound, text);

    public static IResult Conflict(string text) => Error(StatusCodes.Status409Conflict, text);

    public static IResult Error(int code, string text) => TypedResults.Json(ErpError.Of(code, text), statusCode: code);
}
