package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A {@link CallLedger} in this process' memory, bounded in count and in age so a busy instance
 * cannot grow without limit; each placement holds ids, two numbers and a few timestamps, a few
 * hundred bytes, so the count also bounds the bytes. Placements are kept in the order they were
 * first recorded, and a later step rewrites a placement in place: as every placement lives
 * equally long from its first record, the oldest are both the first to expire and the first to
 * be evicted, from the head of the map in constant time. The work is done on the subscriber's
 * thread under a short lock.
 *
 * <p>A placement's timeline of Twilio status callbacks is kept with it and goes with it, at most
 * {@value #MAX_EVENTS_PER_CALL} callbacks (Twilio sends at most five per call: initiated,
 * ringing, answered, the final status, and a queued one in some accounts), so the count bound
 * still bounds the bytes.
 */
public class InMemoryCallLedger implements CallLedger {

    /** Most callbacks kept per placement; a further one is ignored like a duplicate. */
    static final int MAX_EVENTS_PER_CALL = 16;
    /** Most SIDs whose early callbacks are held; the oldest are dropped first. */
    static final int MAX_EARLY_CALLS = 1_000;
    /** Oldest accepted first, as the PostgreSQL ledger claims. */
    private static final Comparator<CallPlacement> ACCEPTANCE_ORDER = Comparator.comparing(CallPlacement::acceptedAt);

    private final int maxSize;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    /** Ultravox call id and Twilio SID to placement id: a call is looked up by any of its ids. */
    private final Map<String, String> byVendorId = new HashMap<>();
    /** The placements whose final event was queued; removed with the placement. */
    private final java.util.Set<String> announced = new java.util.HashSet<>();
    /** Callbacks that came before their SID was recorded, by SID, oldest first (bounded). */
    private final LinkedHashMap<String, Held> early = new LinkedHashMap<>();
    /** Placement id to its timeline by sequence number; removed with the placement. */
    private final Map<String, TreeMap<Long, CallEvent>> timelines = new HashMap<>();

    InMemoryCallLedger(CallConfig config) {
        this(config.registry().maxSize(), config.registry().ttl(), Clock.systemUTC());
    }

    InMemoryCallLedger(int maxSize, Duration ttl, Clock clock) {
        this.maxSize = Math.max(1, maxSize);
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Uni<Boolean> save(CallPlacement placement) {
        return Uni.createFrom().item(() -> saveNow(placement));
    }

    @Override
    public Uni<Boolean> saveNew(CallPlacement placement) {
        return Uni.createFrom().item(() -> saveNewNow(placement));
    }

    @Override
    public Uni<Optional<CallPlacement>> find(String id) {
        return Uni.createFrom().item(() -> findNow(id));
    }

    @Override
    public Uni<LedgerPage> list(LedgerQuery query) {
        return Uni.createFrom().item(() -> listNow(query));
    }

    @Override
    public Uni<List<CallPlacement>> claimUnsettled(Instant acceptedBefore, Duration lease, int limit) {
        return Uni.createFrom().item(() -> claimNow(acceptedBefore, lease, limit));
    }

    @Override
    public Uni<Recorded> recordEvent(String twilioCallSid, CallEvent event) {
        return Uni.createFrom().item(() -> recordNow(twilioCallSid, event));
    }

    @Override
    public Uni<Recorded> recordConversation(String ultravoxCallId, ConversationEvent event) {
        return Uni.createFrom().item(() -> recordNow(ultravoxCallId, event));
    }

    @Override
    public Uni<Optional<CallPlacement>> claimAgentCall(String placementId, String twilioCallSid, Instant at) {
        return Uni.createFrom().item(() -> claimAgentCallNow(placementId, twilioCallSid, at));
    }

    @Override
    public Uni<Boolean> attachAgentCall(String placementId, String ultravoxCallId, Instant created, Instant at) {
        return Uni.createFrom().item(() -> amendNow(placementId, p -> p.callId() != null ? p
                : p.withAgentCall(ultravoxCallId, created, at)).outcome() == CallEvent.Outcome.RECORDED);
    }

    @Override
    public Uni<Recorded> amend(String placementId, UnaryOperator<CallPlacement> change) {
        return Uni.createFrom().item(() -> amendNow(placementId, change));
    }

    @Override
    public Uni<List<CallPlacement>> claimFollowUps(Duration lease, int limit) {
        return Uni.createFrom().item(() -> claimFollowUpsNow(lease, limit));
    }

    @Override
    public Uni<Void> markAnnounced(String placementId) {
        return act(() -> markNow(placementId));
    }

    @Override
    public Uni<List<CallPlacement>> claimUnannounced(Instant finalBefore, Duration lease, int limit) {
        return Uni.createFrom().item(() -> claimUnannouncedNow(finalBefore, lease, limit));
    }

    private synchronized void markNow(String placementId) {
        if (entries.containsKey(placementId)) {
            announced.add(placementId);
        }
    }

    private synchronized List<CallPlacement> claimUnannouncedNow(Instant finalBefore, Duration lease, int limit) {
        return claim(placement -> {
            Instant finalAt = finalAt(placement);
            return finalAt != null && finalAt.isBefore(finalBefore) && !announced.contains(placement.placementId());
        }, ACCEPTANCE_ORDER, lease, limit);
    }

    /** When the placement reached the state its final event announces; null while it has none. */
    private static Instant finalAt(CallPlacement placement) {
        return switch (placement.state()) {
            case DIALED -> placement.endedAt();
            case FAILED, COMPENSATED -> placement.steps().get(placement.state());
            default -> null;
        };
    }

    @Override
    public Uni<Void> postponeFollowUp(String placementId, Instant next) {
        return act(() -> postponeNow(placementId, next));
    }

    @Override
    public Uni<List<CallEvent>> events(String placementId) {
        return Uni.createFrom().item(() -> eventsNow(placementId));
    }

    @Override
    public Uni<Void> holdEarlyEvent(String twilioCallSid, CallEvent event) {
        return act(() -> holdNow(twilioCallSid, event));
    }

    @Override
    public Uni<List<CallEvent>> earlyEvents(String twilioCallSid) {
        return Uni.createFrom().item(() -> earlyNow(twilioCallSid));
    }

    @Override
    public Uni<Void> forgetEarlyEvents(String twilioCallSid, List<Long> sequenceNumbers) {
        return act(() -> forgetNow(twilioCallSid, sequenceNumbers));
    }

    private synchronized void holdNow(String twilioCallSid, CallEvent event) {
        Instant now = clock.instant();
        dropExpiredEarly(now);
        Held held = early.computeIfAbsent(twilioCallSid, sid -> new Held(new TreeMap<>(), now.plus(EARLY_EVENTS_KEPT)));
        if (held.events().size() < MAX_EVENTS_PER_CALL) {
            held.events().putIfAbsent(event.sequenceNumber(), event);
        }
        while (early.size() > MAX_EARLY_CALLS) {
            dropOldestEarly();
        }
    }

    private synchronized List<CallEvent> earlyNow(String twilioCallSid) {
        dropExpiredEarly(clock.instant());
        Held held = early.get(twilioCallSid);
        return held == null ? List.of() : List.copyOf(held.events().values());
    }

    private synchronized void forgetNow(String twilioCallSid, List<Long> sequenceNumbers) {
        Held held = early.get(twilioCallSid);
        if (held != null) {
            sequenceNumbers.forEach(held.events()::remove);
            if (held.events().isEmpty()) {
                early.remove(twilioCallSid);
            }
        }
    }

    private void dropExpiredEarly(Instant now) {
        while (!early.isEmpty() && !early.values().iterator().next().expiresAt().isAfter(now)) {
            dropOldestEarly();
        }
    }

    /** Held callbacks are kept in the order their SID was first held: the head is the oldest. */
    private void dropOldestEarly() {
        Iterator<Held> oldest = early.values().iterator();
        oldest.next();
        oldest.remove();
    }

    private synchronized Recorded recordNow(String twilioCallSid, CallEvent event) {
        purgeExpired(clock.instant());
        Entry entry = entryByVendorId(twilioCallSid);
        if (entry == null || !twilioCallSid.equals(entry.placement().twilioCallSid())) {
            return Recorded.UNKNOWN;
        }
        CallPlacement p = entry.placement();
        TreeMap<Long, CallEvent> timeline = timelines.computeIfAbsent(p.placementId(), id -> new TreeMap<>());
        if (timeline.containsKey(event.sequenceNumber()) || timeline.size() >= MAX_EVENTS_PER_CALL) {
            return new Recorded(CallEvent.Outcome.DUPLICATE, p, false);
        }
        long latest = timeline.isEmpty() ? -1 : timeline.lastKey();
        timeline.put(event.sequenceNumber(), event);
        CallPlacement next = p.withTwilioStatus(event.statusOver(p.twilioStatus(), latest), event.receivedAt());
        replace(entry, next);
        return new Recorded(CallEvent.Outcome.RECORDED, next, !p.ended() && next.ended());
    }

    private synchronized Recorded recordNow(String ultravoxCallId, ConversationEvent event) {
        purgeExpired(clock.instant());
        Entry entry = entryByVendorId(ultravoxCallId);
        if (entry == null || !ultravoxCallId.equals(entry.placement().callId())) {
            return Recorded.UNKNOWN;
        }
        CallPlacement next = entry.placement().withConversation(event, event.receivedAt());
        replace(entry, next);
        return Recorded.of(entry.placement(), next);
    }

    private synchronized Optional<CallPlacement> claimAgentCallNow(String placementId, String twilioCallSid,
            Instant at) {
        Recorded claimed = amendNow(placementId, p -> p.connection().mode() == ConnectMode.ON_ANSWER
                && p.connection().agentClaimedAt() == null && p.connectable()
                && (p.twilioCallSid() == null || p.twilioCallSid().equals(twilioCallSid))
                ? p.connectingBy(p.connection().claimed(at)) : p);
        return claimed.outcome() == CallEvent.Outcome.RECORDED ? Optional.of(claimed.placement()) : Optional.empty();
    }

    private synchronized Recorded amendNow(String placementId, UnaryOperator<CallPlacement> change) {
        purgeExpired(clock.instant());
        Entry entry = entries.get(placementId);
        if (entry == null) {
            return Recorded.UNKNOWN;
        }
        CallPlacement next = change.apply(entry.placement());
        replace(entry, next);
        index(next.callId(), next);
        return Recorded.of(entry.placement(), next);
    }

    private synchronized List<CallPlacement> claimFollowUpsNow(Duration lease, int limit) {
        Instant now = clock.instant();
        return claim(placement -> placement.state() == CallPlacement.State.DIALED && !placement.ended()
                && placement.followUpAt() != null && !placement.followUpAt().isAfter(now),
                Comparator.comparing(CallPlacement::followUpAt), lease, limit);
    }

    private synchronized void postponeNow(String placementId, Instant next) {
        Entry entry = entries.get(placementId);
        if (entry != null) {
            entries.put(placementId, new Entry(entry.placement().followedUpAt(next), entry.expiresAt(), Instant.MIN));
        }
    }

    private Entry entryByVendorId(String vendorId) {
        String placementId = byVendorId.get(vendorId);
        return placementId == null ? null : entries.get(placementId);
    }

    private void replace(Entry entry, CallPlacement next) {
        entries.put(next.placementId(), new Entry(next, entry.expiresAt(), entry.leasedUntil()));
    }

    private synchronized List<CallEvent> eventsNow(String placementId) {
        purgeExpired(clock.instant());
        TreeMap<Long, CallEvent> timeline = entries.containsKey(placementId) ? timelines.get(placementId) : null;
        return timeline == null ? List.of() : List.copyOf(timeline.values());
    }

    private synchronized boolean saveNow(CallPlacement placement) {
        Instant now = clock.instant();
        purgeExpired(now);
        Entry earlier = entries.get(placement.placementId());
        if (earlier != null && earlier.placement().state().settled()) {
            return false;
        }
        // Replacing a present key keeps its position: the map stays in first-record order. What
        // vendors' webhooks reported is kept, as the PostgreSQL ledger's upsert leaves it alone.
        entries.put(placement.placementId(), earlier == null ? new Entry(placement, now.plus(ttl), Instant.MIN)
                : new Entry(withReportsOf(earlier.placement(), placement), earlier.expiresAt(), earlier.leasedUntil()));
        index(placement.callId(), placement);
        index(placement.twilioCallSid(), placement);
        while (entries.size() > maxSize) {
            removeOldest();
        }
        return true;
    }

    private synchronized boolean saveNewNow(CallPlacement placement) {
        purgeExpired(clock.instant());
        return !entries.containsKey(placement.placementId()) && saveNow(placement);
    }

    /**
     * A pipeline step that knows no Twilio status keeps the one a callback recorded meanwhile (an
     * inbound call's), one that knows no agent call the one a connect webhook recorded, and the
     * connection stays as first recorded, as the PostgreSQL ledger's upsert leaves them.
     */
    private static CallPlacement withReportsOf(CallPlacement earlier, CallPlacement p) {
        return new CallPlacement(p.placementId(), p.agentId(), p.to(), p.from(), p.state(), p.callId(),
                p.twilioCallSid(), p.twilioStatus() != null ? p.twilioStatus() : earlier.twilioStatus(), p.createdAt(),
                p.steps(), p.error(), p.idempotencyKey(), earlier.owner() != null ? earlier.owner() : p.owner(),
                p.followUpAt(), earlier.conversation(), earlier.endedAt(), p.direction(), earlier.connection())
                .withAgentCallOf(earlier);
    }

    private void index(String vendorId, CallPlacement placement) {
        if (vendorId != null) {
            byVendorId.put(vendorId, placement.placementId());
        }
    }

    private synchronized Optional<CallPlacement> findNow(String id) {
        purgeExpired(clock.instant());
        Entry entry = entries.get(id);
        if (entry == null && byVendorId.containsKey(id)) {
            entry = entries.get(byVendorId.get(id));
        }
        return entry == null ? Optional.empty() : Optional.of(entry.placement());
    }

    private synchronized List<CallPlacement> claimNow(Instant acceptedBefore, Duration lease, int limit) {
        return claim(placement -> placement.acceptedAt().isBefore(acceptedBefore) && !placement.state().settled(),
                ACCEPTANCE_ORDER, lease, limit);
    }

    /**
     * Claims for {@code lease}, in {@code order}, up to {@code limit} placements that match
     * {@code due} and that no one holds within an earlier lease. The scan is bounded by the
     * ledger's size and runs once per recovery or follow-up interval.
     */
    private List<CallPlacement> claim(Predicate<CallPlacement> due, Comparator<CallPlacement> order, Duration lease,
            int limit) {
        Instant now = clock.instant();
        purgeExpired(now);
        List<Map.Entry<String, Entry>> claimable = entries.entrySet().stream()
                .filter(kept -> due.test(kept.getValue().placement()) && !kept.getValue().leasedUntil().isAfter(now))
                .sorted(Comparator.comparing(kept -> kept.getValue().placement(), order))
                .limit(limit).toList();
        List<CallPlacement> claimed = new ArrayList<>();
        for (Map.Entry<String, Entry> kept : claimable) {
            kept.setValue(new Entry(kept.getValue().placement(), kept.getValue().expiresAt(), now.plus(lease)));
            claimed.add(kept.getValue().placement());
        }
        return claimed;
    }

    private synchronized LedgerPage listNow(LedgerQuery query) {
        purgeExpired(clock.instant());
        List<CallPlacement> matches = entries.values().stream().map(Entry::placement).filter(query::matches)
                .sorted(LedgerQuery.NEWEST_FIRST).limit(query.pageSize() + 1L).toList();
        return LedgerPage.of(matches, query.pageSize());
    }

    /** Runs {@code action} (which takes the ledger's lock itself) when subscribed to. */
    private static Uni<Void> act(Runnable action) {
        return Uni.createFrom().item(() -> {
            action.run();
            return null;
        });
    }

    /** How many placements are kept now. */
    synchronized int size() {
        purgeExpired(clock.instant());
        return entries.size();
    }

    private void purgeExpired(Instant now) {
        while (!entries.isEmpty() && !entries.values().iterator().next().expiresAt().isAfter(now)) {
            removeOldest();
        }
    }

    private void removeOldest() {
        Iterator<Entry> oldest = entries.values().iterator();
        CallPlacement placement = oldest.next().placement();
        oldest.remove();
        timelines.remove(placement.placementId());
        announced.remove(placement.placementId());
        if (placement.callId() != null) {
            byVendorId.remove(placement.callId(), placement.placementId());
        }
        if (placement.twilioCallSid() != null) {
            byVendorId.remove(placement.twilioCallSid(), placement.placementId());
        }
    }

    /** Callbacks held for a SID no placement has yet, and when they are dropped. */
    private record Held(TreeMap<Long, CallEvent> events, Instant expiresAt) {
    }

    /** A kept placement, when it expires, and until when recovery holds it ({@link Instant#MIN}: never held). */
    private record Entry(CallPlacement placement, Instant expiresAt, Instant leasedUntil) {
    }
}
