package dev.callbridge.idempotency;

import dev.callbridge.config.IdempotencyConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys held in this process. Keys whose request is still running are claims,
 * kept until the request ends and never evicted (there are at most as many as requests in
 * flight). Finished keys and their responses are bounded twice: at most {@code max-keys} of
 * them, taking at most {@code max-bytes} together; each is forgotten after the retention
 * period. A response larger than a sixteenth of {@code max-bytes} is kept without its body
 * ({@link StoredResponse#bodyOmitted()}).
 *
 * <p>When a bound is reached the oldest finished keys are forgotten first. That order is the
 * point: the newest keys are the ones a client's retry needs, so a general-purpose cache whose
 * size policy may drop a key just written in favour of older, more often read ones (as
 * Caffeine's TinyLFU does) would be the wrong tool here.
 *
 * <p>Lost on restart and not shared between replicas: a deployment with several replicas
 * needs the shared {@link PostgresIdempotencyStore} ({@code CALLBRIDGE_STORE=postgres}). The
 * work is done on the subscriber's thread, under short locks, never waiting for anything else.
 */
public class InMemoryIdempotencyStore implements IdempotencyStore {

    /** Bytes a finished key costs besides its response: the entry, the key and fingerprint strings. */
    static final int ENTRY_OVERHEAD = 256;

    private record Finished(String fingerprint, StoredResponse response, Instant expires, long bytes) {
    }

    /** Keys of requests still running, with their fingerprints. */
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    /** Finished keys in the order they finished: the oldest first. Guarded by {@code this}. */
    private final LinkedHashMap<String, Finished> finished = new LinkedHashMap<>();
    private final Duration retention;
    private final int maxKeys;
    private final long maxBytes;
    private final Clock clock;
    private long bytes;

    InMemoryIdempotencyStore(IdempotencyConfig config, MeterRegistry meters) {
        this(config.retention(), config.maxKeys(), config.maxBytes().asLongValue(), Clock.systemUTC());
        Gauge.builder("callbridge.idempotency.keys", this, InMemoryIdempotencyStore::size)
                .description("Finished idempotency keys remembered").register(meters);
        Gauge.builder("callbridge.idempotency.bytes", this, InMemoryIdempotencyStore::weight)
                .description("Approximate bytes taken by remembered idempotency keys and responses")
                .baseUnit("bytes").register(meters);
        Gauge.builder("callbridge.idempotency.claims", claims, Map::size)
                .description("Idempotency keys whose request is still running").register(meters);
    }

    InMemoryIdempotencyStore(Duration retention, int maxKeys, long maxBytes, Clock clock) {
        this.retention = retention;
        this.maxKeys = Math.max(1, maxKeys);
        this.maxBytes = Math.max(ENTRY_OVERHEAD, maxBytes);
        this.clock = clock;
    }

    @Override
    public Uni<Claim> claim(String key, String fingerprint) {
        return Uni.createFrom().item(() -> claimNow(key, fingerprint));
    }

    @Override
    public Uni<Void> complete(String key, StoredResponse response) {
        return Uni.createFrom().item(() -> {
            completeNow(key, response);
            return null;
        });
    }

    @Override
    public Uni<Void> release(String key) {
        return Uni.createFrom().item(() -> {
            claims.remove(key);
            return null;
        });
    }

    private Claim claimNow(String key, String fingerprint) {
        Claim[] outcome = new Claim[1];
        claims.compute(key, (k, running) -> {
            Finished done = finished(k);
            if (done != null) {
                outcome[0] = done.fingerprint().equals(fingerprint) ? new Claim.Replay(done.response())
                        : new Claim.Mismatch();
            } else if (running != null) {
                outcome[0] = running.equals(fingerprint) ? new Claim.InFlight() : new Claim.Mismatch();
            } else {
                outcome[0] = new Claim.Granted();
                return fingerprint;
            }
            return running;
        });
        return outcome[0];
    }

    private void completeNow(String key, StoredResponse response) {
        String fingerprint = claims.get(key);
        if (fingerprint == null) {
            return;
        }
        StoredResponse kept = response.keptWithin(maxBytes);
        // Stored before the claim goes, so a concurrent claim sees one or the other, never neither.
        store(key, fingerprint, kept);
        claims.remove(key);
    }

    /** Finished keys remembered now. */
    synchronized int size() {
        purgeExpired(clock.instant());
        return finished.size();
    }

    /** Bytes the finished keys take now, approximately. */
    synchronized long weight() {
        return bytes;
    }

    /** Claims of requests still running. */
    int claims() {
        return claims.size();
    }

    private synchronized Finished finished(String key) {
        Instant now = clock.instant();
        purgeExpired(now);
        return finished.get(key);
    }

    private synchronized void store(String key, String fingerprint, StoredResponse response) {
        long size = ENTRY_OVERHEAD + 2L * (key.length() + fingerprint.length()) + response.size();
        Finished previous = finished.put(key, new Finished(fingerprint, response, clock.instant().plus(retention), size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        Iterator<Finished> oldest = finished.values().iterator();
        while ((finished.size() > maxKeys || bytes > maxBytes) && oldest.hasNext()) {
            bytes -= oldest.next().bytes();
            oldest.remove();
        }
    }

    /** Every key lives equally long, so the expired ones are at the head. */
    private void purgeExpired(Instant now) {
        Iterator<Finished> oldest = finished.values().iterator();
        while (oldest.hasNext()) {
            Finished next = oldest.next();
            if (next.expires().isAfter(now)) {
                return;
            }
            bytes -= next.bytes();
            oldest.remove();
        }
    }
}
