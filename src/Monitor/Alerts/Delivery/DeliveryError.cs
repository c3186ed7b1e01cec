using System.Net.Sockets;
using System.Security.Authentication;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// What a failed delivery records, and analysts see: the receiver's status code (http-500) or a category.
/// Never what the receiver said: its answer may be an internal page nobody outside should read.
/// </summary>
public static class DeliveryError
{
    public const string Timeout = "timeout";
    public const string RefusedAddress = "refused-address";
    public const string ConnectionRefused = "connection-refused";
    public const string UnknownHost = "unknown-host";
    public const string Tls = "tls";
    public const string ConnectionFailed = "connection-failed";
    public const string SubscriptionEnded = "subscription-ended";
    public const string Internal = "internal-error";

    public static string Http(int status) => $"http-{status}";

    /// <summary>Why a receiver could not be reached, from the exception and the ones it wraps.</summary>
    public static string OfNetwork(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException or HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return Tls;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return ConnectionRefused;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }
                    or HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return UnknownHost;
            }
        }
        return ConnectionFailed;
    }
}
