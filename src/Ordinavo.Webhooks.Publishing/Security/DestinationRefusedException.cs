using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Thrown by the connect callback when a destination address is not allowed (never leaves the package).</summary>
internal sealed class DestinationRefusedException : Exception
{
    public DestinationRefusedException(string message)
        : base(message)
    {
    }

    public DestinationRefusedException()
    {
    }

    public DestinationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
