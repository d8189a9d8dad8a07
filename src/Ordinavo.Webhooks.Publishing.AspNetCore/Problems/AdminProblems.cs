using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>Builds the admin API's problem details results (one place for status, type and title).</summary>
internal static class AdminProblems
{
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = WebhookAdminProblemTypes.Validation,
            Title = "The request is invalid.",
            Detail = detail ?? "See errors for each invalid field. Nothing was changed.",
        });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]>(System.StringComparer.Ordinal) { [field] = [message] });

    public static ProblemHttpResult MalformedJson(string detail) =>
        Problem(StatusCodes.Status400BadRequest, WebhookAdminProblemTypes.MalformedJson, "The request body is not valid JSON.", detail);

    public static ProblemHttpResult InvalidSubscription(string detail) =>
        Problem(StatusCodes.Status400BadRequest, WebhookAdminProblemTypes.InvalidSubscription, "The subscription cannot be changed as asked.", detail);

    public static ProblemHttpResult TenantRequired() =>
        Problem(StatusCodes.Status403Forbidden, WebhookAdminProblemTypes.TenantRequired, "No tenant.", "The caller's tenant could not be determined.");

    public static ProblemHttpResult NotFound(string what) =>
        Problem(StatusCodes.Status404NotFound, WebhookAdminProblemTypes.NotFound, "Not found.", $"The {what} does not exist.");

    public static ProblemHttpResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, WebhookAdminProblemTypes.Conflict, "The version is no longer current.", detail);

    public static ProblemHttpResult DeliveryBusy() =>
        Problem(StatusCodes.Status409Conflict, WebhookAdminProblemTypes.DeliveryBusy, "The delivery is being attempted right now.", "Try again in a moment.");

    public static ProblemHttpResult PayloadTooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, WebhookAdminProblemTypes.PayloadTooLarge, "The request body is too large.", $"The admin API accepts at most {limit} bytes.");

    public static ProblemHttpResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, WebhookAdminProblemTypes.UnsupportedMediaType, "The request body must be JSON.", "Send Content-Type: application/json.");

    public static ProblemHttpResult SecretUnreadable() =>
        Problem(StatusCodes.Status500InternalServerError, WebhookAdminProblemTypes.SecretUnreadable, "The subscription's secrets cannot be read.",
            "This application's Data Protection key ring cannot decrypt them; the host's operators must restore the key ring.");

    private static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
}
