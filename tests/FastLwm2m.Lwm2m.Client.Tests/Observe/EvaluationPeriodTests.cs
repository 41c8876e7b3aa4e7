namespace FastLwm2m.Lwm2m.Client.Tests.Observe;

/// <summary>
/// The evaluation periods of Write-Attributes (Core §5.1.2): epmin keeps the evaluations of the
/// notification criteria apart (changes in between wait, and the latest value goes out); epmax
/// forces an evaluation, which reads afresh a value that changed without a change signal.
/// </summary>
public class EvaluationPeriodTests
{
    /// <summary>Timers fire on the millisecond; allow for that when checking a lower bound.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(150);

    private static readonly Lwm2mPath Battery = Lwm2mPath.Parse("/3/0/9");

    private static readonly Lwm2mPath SignalStrength = Lwm2mPath.Parse("/4/0/2");

    /// <summary>A radio whose signal strength is measured on each Read, never stored: nothing tells observers it moved.</summary>
    private sealed class MeasuredRadio(ObjectModel model) : ConnectivityMonitoringEnabler(model)
    {
        private long _signalStrength = -70;
        private int _reads;

        /// <summary>How often the signal strength was read (Observe, evaluations, notifications).</summary>
        public int Reads => Volatile.Read(ref _reads);

        public void Measure(long dbm) => Interlocked.Exchange(ref _signalStrength, dbm);

        protected internal override OperationResult Read(int resourceId, out Lwm2mResource? resource)
        {
            if (resourceId != RadioSignalStrengthId)
            {
                return base.Read(resourceId, out resource);
            }

            Interlocked.Increment(ref _reads);
            resource = new Lwm2mSingleResource(resourceId, Lwm2mValue.FromInteger(Interlocked.Read(ref _signalStrength)));
            return OperationResult.Content;
        }
    }

    [Fact]
    public async Task Epmin_EvaluatesTheChangesWithinItOnce_AndTheLatestValueGoesOut()
    {
        await using var bed = await TestBed.StartAsync();
        var attributes = await bed.Server.WriteAttributesAsync(bed.Registration, Battery, new NotificationAttributes { Epmin = 1 });
        Assert.Equal(Lwm2mResponseCode.Changed, attributes.Code);
        var recorder = await ObserveTests.ObserveAsync(bed, Battery); // the Observe response is the first evaluation
        var last = TimeSpan.Zero; // the recorder's clock started before the Observe went out

        foreach (int round in new[] { 0, 1 })
        {
            int latest = 0;
            for (int i = 1; i <= 3; i++)
            {
                latest = (round * 10) + 80 + i;
                bed.Client.SetValue(Battery, Lwm2mValue.FromInteger(latest));
            }

            // Normally one notification carrying the latest value; on a slow machine an earlier one may have gone out.
            Lwm2mValue value;
            do
            {
                var (at, notification) = await recorder.NextAsync();
                Assert.True(at - last >= TimeSpan.FromSeconds(1) - Slack, $"round {round}: evaluated {at - last} after the previous evaluation");
                value = Assert.IsType<Lwm2mSingleResource>(notification.Content).Value;
                last = at;
            }
            while (value != Lwm2mValue.FromInteger(latest));
        }
    }

    [Fact]
    public async Task Epmax_ReadsAValueThatChangedWithoutASignal_AndNotifiesIt()
    {
        MeasuredRadio? radio = null;
        await using var bed = await TestBed.StartAsync(o =>
        {
            radio = new MeasuredRadio(TestBed.Model(4));
            o.Objects = [.. StandardObjects.Create(o).Where(e => e.Id != 4), new ObjectEnabler(TestBed.Model(4), [radio])];
        });
        var attributes = await bed.Server.WriteAttributesAsync(bed.Registration, SignalStrength, new NotificationAttributes { Epmax = 1 });
        Assert.Equal(Lwm2mResponseCode.Changed, attributes.Code);
        var recorder = await ObserveTests.ObserveAsync(bed, SignalStrength); // sends -70

        radio!.Measure(-85); // no SetValue: only an evaluation can see it

        var (at, notification) = await recorder.NextAsync();
        Assert.Equal(Lwm2mValue.FromInteger(-85), Assert.IsType<Lwm2mSingleResource>(notification.Content).Value);
        Assert.True(at >= TimeSpan.FromSeconds(1) - Slack, $"notified {at} after the Observe, before epmax");

        // The next evaluations find the value as last sent: no notification.
        int reads = radio.Reads;
        await TestBed.WaitUntil(() => radio.Reads >= reads + 2, "two more evaluations");
        Assert.False(recorder.TryRead(out _), "an evaluation that found the value unchanged notified");
    }
}
