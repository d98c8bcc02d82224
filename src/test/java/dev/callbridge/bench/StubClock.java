package dev.callbridge.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the stub process's {@link System#nanoTime} on the load generator's. On Linux both read
 * the same monotonic clock, so the offset found is about zero; it is measured rather than assumed,
 * from the quickest of a few round trips, and reported with its uncertainty (half that round trip).
 *
 * @param offsetNanos      the stub's clock minus this process's
 * @param uncertaintyNanos half the round trip the offset was taken from
 */
record StubClock(long offsetNanos, long uncertaintyNanos) {

    /** One round trip: this process's clock before and after, and the stub's reading in between. */
    record Sample(long before, long stub, long after) {
    }

    /** The offset from the quickest sample: the one that bounds the stub's reading most tightly. */
    static StubClock of(List<Sample> samples) {
        Sample best = samples.stream().min((a, b) -> Long.compare(a.after() - a.before(), b.after() - b.before()))
                .orElseThrow(() -> new IllegalArgumentException("No clock sample"));
        long rtt = best.after() - best.before();
        return new StubClock(best.stub() - (best.before() + rtt / 2), rtt / 2);
    }

    /** Reads the stub's clock {@code count} times. */
    static StubClock measure(int stubPort, int count) throws IOException, InterruptedException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long before = System.nanoTime();
            long stub = Long.parseLong(Loopback.get(stubPort, VendorStubs.CLOCK_PATH).trim());
            samples.add(new Sample(before, stub, System.nanoTime()));
        }
        return of(samples);
    }

    /** A time the stub noted, on this process's clock. */
    long local(long stubNanos) {
        return stubNanos - offsetNanos;
    }
}
