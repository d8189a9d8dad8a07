using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>A request body read by <see cref="AdminBodyReader"/>: the value, or the problem to answer with.</summary>
internal readonly record struct AdminBodyResult<T>(T? Value, IResult? Problem)
    where T : class;
