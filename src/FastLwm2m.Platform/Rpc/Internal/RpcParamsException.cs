namespace FastLwm2m.Platform.Rpc.Internal;

/// <summary>Invalid RPC params; the message names the field. Caught by <see cref="RpcService"/> and returned as BAD_REQUEST.</summary>
internal sealed class RpcParamsException(string message) : Exception(message);
