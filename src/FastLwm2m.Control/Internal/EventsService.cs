using System.Threading.Channels;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.TransportLog;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using PlatformPoint = FastLwm2m.Platform.Telemetry.TelemetryPoint;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>
/// fastlwm2m.v1.Events: subscribes to the registration, telemetry, attribute and transport log
/// events of the Platform for the lifetime of one call and streams those of the caller's devices.
/// </summary>
/// <remarks>
/// The sources raise their events on the LwM2M receive loop and the telemetry writer, so a handler
/// only filters and <c>TryWrite</c>s into the subscriber's bounded channel: it never blocks.
/// </remarks>
internal sealed class EventsService(ControlContext platform) : V1.Events.EventsBase
{
    /// <summary>Events buffered per subscriber before the oldest are dropped.</summary>
    internal const int Capacity = 1024;

    public override async Task Subscribe(V1.SubscribeRequest request, IServerStreamWriter<V1.Event> responseStream, ServerCallContext context)
    {
        Guid? profile = null;
        if (request.ProfileId.Length > 0)
        {
            if (!Guid.TryParse(request.ProfileId, out Guid id))
            {
                throw Errors.InvalidArgument("profile_id", $"a UUID, got \"{request.ProfileId}\"");
            }

            profile = id;
        }

        if (request.Kinds.Any(k => k == V1.EventKind.Unspecified || !System.Enum.IsDefined(k)))
        {
            throw Errors.InvalidArgument("kinds", "known event kinds only");
        }

        var filter = new EventFilter(platform.Devices, Caller.Tenant(context), request.Devices, profile, request.Kinds);

        // Drop oldest: events are a live view, not the durable data (the stores keep that), so a
        // slow subscriber loses the oldest events rather than slowing the receive loop or the writer.
        var channel = Channel.CreateBounded<V1.Event>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.DropOldest,
        });

        void Offer(V1.EventKind kind, string endpoint, Func<V1.Event> create)
        {
            if (filter.Accepts(kind, endpoint))
            {
                channel.Writer.TryWrite(create());
            }
        }

        Action<Registration, Registration?> registered = (registration, _) => Offer(V1.EventKind.Registration, registration.Endpoint, () => new V1.Event
        {
            Kind = V1.EventKind.Registration,
            Endpoint = registration.Endpoint,
            Timestamp = Mapping.FromUnixMilliseconds(registration.RegisteredAtMilliseconds),
            Registration = new V1.RegistrationEvent
            {
                RegistrationId = registration.Id,
                Lwm2MVersion = registration.Version.ToText(),
                LifetimeSeconds = registration.LifetimeSeconds,
            },
        });
        Action<Registration, DeregistrationReason> deregistered = (registration, reason) => Offer(V1.EventKind.Deregistration, registration.Endpoint, () => new V1.Event
        {
            Kind = V1.EventKind.Deregistration,
            Endpoint = registration.Endpoint,
            Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Deregistration = new V1.DeregistrationEvent
            {
                RegistrationId = registration.Id,
                Reason = reason switch
                {
                    DeregistrationReason.Deregistered => "deregistered",
                    DeregistrationReason.Expired => "expired",
                    DeregistrationReason.Replaced => "replaced",
                    _ => reason.ToString().ToLowerInvariant(),
                },
            },
        });
        Action<string, TransportLogEntry> appended = (endpoint, entry) => Offer(V1.EventKind.Log, endpoint, () => new V1.Event
        {
            Kind = V1.EventKind.Log,
            Endpoint = endpoint,
            Timestamp = Mapping.FromUnixMilliseconds(entry.TimestampMilliseconds),
            Log = new V1.TransportLogLine { Message = entry.Message },
        });
        EventHandler<AttributeChangedEventArgs> changed = (_, e) => Offer(V1.EventKind.Attribute, e.Device, () => new V1.Event
        {
            Kind = V1.EventKind.Attribute,
            Endpoint = e.Device,
            Timestamp = Mapping.FromUnixMilliseconds(e.Value.TimestampMilliseconds),
            Attribute = new V1.AttributeChange
            {
                Key = e.Value.Key,
                Value = Mapping.ToProto(e.Value.Value),
                Time = Mapping.FromUnixMilliseconds(e.Value.TimestampMilliseconds),
            },
        });
        Action<IReadOnlyList<PlatformPoint>> committed = points =>
        {
            if (!filter.Wants(V1.EventKind.Telemetry))
            {
                return;
            }

            Timestamp now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
            // One event per device of the write, its points in write order.
            foreach (var group in points.GroupBy(p => p.Device, StringComparer.Ordinal))
            {
                Offer(V1.EventKind.Telemetry, group.Key, () =>
                {
                    var batch = new V1.TelemetryBatch();
                    batch.Points.AddRange(group.Select(p => new V1.TelemetryBatchPoint
                    {
                        Key = p.Key,
                        Value = Mapping.ToProto(p.Value),
                        Time = Mapping.FromUnixMilliseconds(p.TimestampMilliseconds),
                    }));
                    return new V1.Event { Kind = V1.EventKind.Telemetry, Endpoint = group.Key, Timestamp = now, Telemetry = batch };
                });
            }
        };

        var registrations = platform.Server.Registrations;
        registrations.Registered += registered;
        registrations.Deregistered += deregistered;
        platform.TransportLog.Appended += appended;
        platform.Attributes.Changed += changed;
        if (platform.TelemetryPipeline is { } pipeline)
        {
            pipeline.Committed += committed;
        }

        try
        {
            // Response headers now, so the caller knows it is subscribed before the first event.
            await context.WriteResponseHeadersAsync(new Metadata()).ConfigureAwait(false);
            await foreach (V1.Event e in channel.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(e, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The caller cancelled: the stream ends.
        }
        finally
        {
            registrations.Registered -= registered;
            registrations.Deregistered -= deregistered;
            platform.TransportLog.Appended -= appended;
            platform.Attributes.Changed -= changed;
            if (platform.TelemetryPipeline is { } p)
            {
                p.Committed -= committed;
            }

            channel.Writer.TryComplete();
        }
    }
}
