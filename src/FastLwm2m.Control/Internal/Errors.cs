using Grpc.Core;

namespace FastLwm2m.Control.Internal;

/// <summary>The gRPC errors of the control plane; every message names the field or the entity.</summary>
internal static class Errors
{
    public static RpcException InvalidArgument(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException AlreadyExists(string message) => new(new Status(StatusCode.AlreadyExists, message));

    public static RpcException PermissionDenied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException DeadlineExceeded(string message) => new(new Status(StatusCode.DeadlineExceeded, message));
}
