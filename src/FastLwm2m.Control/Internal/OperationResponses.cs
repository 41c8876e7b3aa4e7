namespace FastLwm2m.Control.V1;

// Every Operations response starts with the same four fields; the interface lets one helper
// fill them (OperationsGrpcService.Fill).
internal interface IOperationResponse
{
    string Result { get; set; }

    bool Success { get; set; }

    string Error { get; set; }

    string QueuedRequestId { get; set; }
}

partial class ReadResponse : IOperationResponse;

partial class DiscoverResponse : IOperationResponse;

partial class WriteResponse : IOperationResponse;

partial class WriteAttributesResponse : IOperationResponse;

partial class ReadCompositeResponse : IOperationResponse;

partial class WriteCompositeResponse : IOperationResponse;

partial class DeleteResponse : IOperationResponse;

partial class ExecuteResponse : IOperationResponse;

partial class CreateResponse : IOperationResponse;

partial class ObserveResponse : IOperationResponse;

partial class ObserveCancelResponse : IOperationResponse;

partial class ObserveCompositeResponse : IOperationResponse;

partial class ObserveCompositeCancelResponse : IOperationResponse;

partial class ObserveCancelAllResponse : IOperationResponse;

partial class ObserveReadAllResponse : IOperationResponse;

partial class DiscoverAllResponse : IOperationResponse;
