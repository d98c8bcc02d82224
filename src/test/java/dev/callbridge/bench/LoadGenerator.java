package dev.callbridge.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a constant offered rate. Each request has an intended start time on a
 * fixed schedule and its latency is measured from that time, not from when it was actually
 * sent, so a stalled server cannot hide its stall (no coordinated omission). The number of
 * requests and the time spent waiting for stragglers are both bounded. Only the answers the
 * phase's {@link Judge} calls successful are timed; the others count as failed.
 */
final class LoadGenerator {

    /** One request to send: its path, headers and body. */
    record Request(String path, Map<String, String> headers, Buffer body) {
    }

    /** What one answer was: its name in the outcomes, and whether it counts as a success. */
    record Outcome(String name, boolean success) {
    }

    /** Judges an answer by its status and body. */
    @FunctionalInterface
    interface Judge {
        Outcome judge(int status, Buffer body);
    }

    /** A placement succeeds with {@code 201}; every outcome is named by its status. */
    static final Judge CREATED = (status, body) -> new Outcome("http_" + status, status == 201);

    /**
     * What one phase measured; latencies in microseconds. The i-th request was due at
     * {@code startNanos + i * intervalNanos} ({@link System#nanoTime}).
     */
    record Result(int offeredRate, int seconds, long sent, long succeeded, long failed, double achievedRate,
            Histogram latencyMicros, Map<String, Long> outcomes, long startNanos, long intervalNanos) {

        /** When the {@code index}-th request was due: what its latency is measured from. */
        long intendedNanos(int index) {
            return startNanos + index * intervalNanos;
        }
    }

    private final HttpClient client;
    private final int port;
    private final int histogramDigits;

    /**
     * @param histogramDigits significant digits kept per latency: 5 gives buckets 4 us wide at
     *                        400 ms; 3 gives 256 us, coarser than the overhead being measured,
     *                        and percentiles report a bucket's upper edge
     */
    LoadGenerator(HttpClient client, int port, int histogramDigits) {
        this.client = client;
        this.port = port;
        this.histogramDigits = histogramDigits;
    }

    /** Posts the same JSON {@code body} to {@code path} with {@code apiKey}; {@code 201} succeeds. */
    Result run(String path, String apiKey, String body, int rate, int seconds, Duration drain)
            throws InterruptedException {
        Request request = new Request(path, Map.of("Content-Type", "application/json", "X-API-Key", apiKey),
                Buffer.buffer(body));
        return run(i -> request, CREATED, rate, seconds, drain);
    }

    /**
     * Sends {@code requests.apply(i)} as the i-th request, {@code rate * seconds} in all. Build
     * the requests before the phase when they cost anything: the schedule does not wait for them.
     */
    Result run(IntFunction<Request> requests, Judge judge, int rate, int seconds, Duration drain)
            throws InterruptedException {
        int total = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        Histogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), histogramDigits);
        Map<String, Long> outcomes = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(requests.apply(i), judge, intended, latencies, outcomes, ok, done);
        }
        long sendEnd = System.nanoTime();
        boolean drained = done.await(drain.toMillis(), TimeUnit.MILLISECONDS);
        long failed = total - ok.get();
        if (!drained) {
            outcomes.merge("unfinished", done.getCount(), Long::sum);
        }
        double achieved = ok.get() / ((sendEnd - start) / 1e9);
        return new Result(rate, seconds, total, ok.get(), failed, achieved, latencies, new TreeMap<>(outcomes),
                start, interval);
    }

    private void send(Request request, Judge judge, long intended, Histogram latencies,
            Map<String, Long> outcomes, AtomicLong ok, CountDownLatch done) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(request.path()).setTimeout(60_000);
        request.headers().forEach(options::putHeader);
        client.request(options)
                .compose(req -> req.send(request.body()))
                .compose(resp -> resp.body().map(b -> judge.judge(resp.statusCode(), b)))
                .onComplete(ar -> {
                    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - intended);
                    String outcome = ar.succeeded() ? ar.result().name()
                            : "error_" + ar.cause().getClass().getSimpleName();
                    outcomes.merge(outcome, 1L, Long::sum);
                    if (ar.succeeded() && ar.result().success()) {
                        ok.incrementAndGet();
                        latencies.recordValue(Math.max(0, micros));
                    }
                    done.countDown();
                });
    }
}
