using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// Describes an endpoint's JSON request body for OpenAPI without a content type constraint: with one, routing would
/// answer a non-JSON request with a bare 415 before the endpoint runs; without it the endpoint answers a 415 problem
/// details itself (OpenAPI shows <c>application/json</c>, its default).
/// </summary>
internal static class AdminBodyMetadata
{
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, bool isOptional = false) =>
        builder.WithMetadata(new AcceptsMetadata([], typeof(T), isOptional));
}
