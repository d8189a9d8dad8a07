using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Shared;

/// <summary>
/// Which of a package's endpoints carry no authorization: the rule behind the admin API's and the dashboard's start-up
/// refusals. Compiled into both packages as source (internal to each), so the rule exists once without becoming public API.
/// </summary>
internal static class EndpointAuthorization
{
    /// <summary>The distinct prefixes of the endpoints marked with <typeparamref name="TMarker"/> that have no authorization.</summary>
    public static List<string> UnprotectedPrefixes<TMarker>(IEnumerable<Endpoint> endpoints, Func<TMarker, string> prefix)
        where TMarker : class =>
        endpoints
            .Select(e => (e.Metadata, Marker: e.Metadata.GetMetadata<TMarker>()))
            .Where(x => x.Marker is not null && !IsProtected(x.Metadata))
            .Select(x => prefix(x.Marker!))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static bool IsProtected(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<IAllowAnonymous>() is null &&
        (metadata.GetMetadata<IAuthorizeData>() is not null ||
         metadata.GetMetadata<AuthorizationPolicy>() is not null ||
         metadata.GetMetadata<IAuthorizationRequirementData>() is not null);
}
