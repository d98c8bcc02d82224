package dev.callbridge.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.store.ExpiringStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The call ledger in PostgreSQL, so {@code GET} and {@code DELETE} of a call and the listing work
 * on every replica and after a restart. A placement is kept for {@code CALLBRIDGE_CALLS_RETENTION}
 * (default 30 days) after its first record, then no longer found and deleted by
 * {@link #purgeExpired()}.
 *
 * <p>A record that must precede a vendor request ({@code accepted}, {@code dialing}) returns once
 * PostgreSQL has flushed it to disk. A final record ({@code dialed}, {@code failed},
 * {@code compensated}) returns without waiting for the flush ({@code synchronous_commit} off for its
 * transaction): lost in a database crash, the row is back at its previous step, and recovery
 * settles it again the same way, from what the vendors know. That takes one disk flush off the
 * placement's path. An inbound call's {@code dialed} record waits for the flush: its previous step
 * is {@code accepted}, whose recovery deletes the agent call the caller is talking to.
 * PostgreSQL keeps times to the microsecond: the placements' times come back truncated to that,
 * so Callbridge takes them at that precision in the first place.
 *
 * <p>Twilio status callbacks go to table {@code call_events}, one row per (SID, sequence
 * number), kept and purged with their placement.
 */
public class PostgresCallLedger implements CallLedger, ExpiringStore {

    /** The step columns, in the order of {@link CallPlacement.State}. */
    private static final List<String> STEP_COLUMNS = List.of("accepted_at", "ultravox_created_at", "dialing_at",
            "dialed_at", "failed_at", "compensated_at");

    /** Reads and writes the recorded agent request: plain JSON, as Ultravox is sent it. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;
    private final Duration retention;
    private final Clock clock;

    PostgresCallLedger(Pool pool, Duration retention, Clock clock) {
        this.pool = pool;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Uni<Boolean> save(CallPlacement placement) {
        return Uni.createFrom().deferred(() -> {
            Tuple values = saved(placement);
            boolean durable = placement.inbound() && placement.state() == CallPlacement.State.DIALED;
            Uni<RowSet<Row>> saved = placement.state().settled() && !durable
                    ? pool.withTransaction(connection -> connection.query(CallQueries.NO_FLUSH_WAIT).execute()
                            .flatMap(set -> connection.preparedQuery(CallQueries.SAVE).execute(values)))
                    : pool.preparedQuery(CallQueries.SAVE).execute(values);
            return saved.map(rows -> rows.rowCount() == 1);
        });
    }

    @Override
    public Uni<Boolean> saveNew(CallPlacement placement) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.SAVE_NEW).execute(saved(placement))
                .map(rows -> rows.rowCount() == 1));
    }

    /** The parameters of {@link CallQueries#SAVE} and {@link CallQueries#SAVE_NEW} for this placement. */
    private Tuple saved(CallPlacement placement) {
        CallPlacement.Failure error = placement.error();
        CallPlacement.Connection connection = placement.connection();
        Tuple values = Tuple.tuple().addString(placement.placementId()).addString(placement.agentId())
                .addString(placement.to()).addString(placement.from()).addString(placement.state().wire())
                .addString(placement.callId()).addString(placement.twilioCallSid())
                .addString(placement.twilioStatus()).addOffsetDateTime(utc(placement.createdAt()))
                .addString(error == null ? null : error.kind())
                .addInteger(error == null ? null : error.status());
        for (CallPlacement.State state : CallPlacement.State.values()) {
            values.addOffsetDateTime(utc(placement.steps().get(state)));
        }
        return values.addString(placement.idempotencyKey()).addString(placement.owner())
                .addOffsetDateTime(utc(placement.followUpAt())).addString(placement.direction().wire())
                .addString(connection.mode().wire()).addString(connection.machineDetection().wire())
                .addString(connection.voicemailMessage()).addString(json(connection.agentRequest()))
                .addOffsetDateTime(now().plus(retention));
    }

    @Override
    public Uni<Optional<CallPlacement>> find(String id) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.FIND).execute(Tuple.of(id, now()))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(placement(rows.iterator().next()))));
    }

    @Override
    public Uni<LedgerPage> list(LedgerQuery query) {
        return Uni.createFrom().deferred(() -> {
            LedgerCursor after = query.after();
            Tuple values = Tuple.tuple().addOffsetDateTime(now()).addString(query.agentId())
                    .addString(query.state() == null ? null : query.state().wire())
                    .addOffsetDateTime(utc(query.since()))
                    .addString(query.direction() == null ? null : query.direction().wire())
                    .addOffsetDateTime(after == null ? null : utc(after.acceptedAt()))
                    .addString(after == null ? null : after.placementId())
                    .addInteger(query.pageSize() + 1);
            return pool.preparedQuery(CallQueries.LIST).execute(values).map(rows -> {
                List<CallPlacement> matches = new ArrayList<>();
                rows.forEach(row -> matches.add(placement(row)));
                return LedgerPage.of(matches, query.pageSize());
            });
        });
    }

    @Override
    public Uni<List<CallPlacement>> claimUnsettled(Instant acceptedBefore, Duration lease, int limit) {
        return Uni.createFrom().deferred(() -> {
            OffsetDateTime now = now();
            Tuple values = Tuple.of(utc(acceptedBefore), now.plus(lease), now, limit);
            return pool.preparedQuery(CallQueries.CLAIM_UNSETTLED).execute(values)
                    .map(rows -> claimed(rows, Comparator.comparing(CallPlacement::acceptedAt)));
        });
    }

    @Override
    public Uni<Recorded> recordEvent(String twilioCallSid, CallEvent event) {
        return Uni.createFrom().deferred(() -> pool.withTransaction(connection -> connection
                .preparedQuery(CallQueries.LOCK_BY_TWILIO_SID).execute(Tuple.of(twilioCallSid, now()))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(Recorded.UNKNOWN);
                    }
                    Row row = rows.iterator().next();
                    CallPlacement before = placement(row);
                    Tuple values = Tuple.tuple().addString(twilioCallSid).addLong(event.sequenceNumber())
                            .addString(before.placementId()).addString(event.status())
                            .addOffsetDateTime(utc(event.occurredAt())).addInteger(event.durationSeconds())
                            .addString(event.answeredBy()).addOffsetDateTime(utc(event.receivedAt()))
                            .addOffsetDateTime(row.getOffsetDateTime("expires_at"));
                    return connection.preparedQuery(CallQueries.LATEST_SEQUENCE).execute(Tuple.of(twilioCallSid))
                            .flatMap(latest -> record(connection, before, event, values,
                                    latest.iterator().next().getLong("latest")));
                })));
    }

    private static Uni<Recorded> record(SqlConnection connection, CallPlacement before, CallEvent event,
            Tuple values, long latest) {
        CallPlacement after = before.withTwilioStatus(event.statusOver(before.twilioStatus(), latest),
                event.receivedAt());
        return connection.preparedQuery(CallQueries.INSERT_EVENT).execute(values).flatMap(inserted -> {
            if (inserted.rowCount() == 0) {
                return Uni.createFrom().item(new Recorded(CallEvent.Outcome.DUPLICATE, before, false));
            }
            Recorded recorded = new Recorded(CallEvent.Outcome.RECORDED, after, !before.ended() && after.ended());
            return after.equals(before) ? Uni.createFrom().item(recorded)
                    : setLegs(connection, after).replaceWith(recorded);
        });
    }

    @Override
    public Uni<Recorded> recordConversation(String ultravoxCallId, ConversationEvent event) {
        return Uni.createFrom().deferred(() -> pool.withTransaction(connection -> connection
                .preparedQuery(CallQueries.LOCK_BY_CALL_ID).execute(Tuple.of(ultravoxCallId, now()))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(Recorded.UNKNOWN);
                    }
                    CallPlacement before = placement(rows.iterator().next());
                    CallPlacement after = before.withConversation(event, event.receivedAt());
                    Recorded recorded = Recorded.of(before, after);
                    return after.equals(before) ? Uni.createFrom().item(recorded)
                            : setLegs(connection, after).replaceWith(recorded);
                })));
    }

    @Override
    public Uni<Optional<CallPlacement>> claimAgentCall(String placementId, String twilioCallSid, Instant at) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.CLAIM_AGENT_CALL)
                .execute(Tuple.of(placementId, utc(at), twilioCallSid, now()))
                .map(rows -> rows.rowCount() == 1 ? Optional.of(placement(rows.iterator().next())) : Optional.empty()));
    }

    @Override
    public Uni<Boolean> attachAgentCall(String placementId, String ultravoxCallId, Instant created, Instant at) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.ATTACH_AGENT_CALL)
                .execute(Tuple.tuple().addString(placementId).addString(ultravoxCallId).addOffsetDateTime(utc(created))
                        .addOffsetDateTime(utc(at)).addOffsetDateTime(now()))
                .map(rows -> rows.rowCount() == 1));
    }

    @Override
    public Uni<Recorded> amend(String placementId, UnaryOperator<CallPlacement> change) {
        return Uni.createFrom().deferred(() -> pool.withTransaction(connection -> connection
                .preparedQuery(CallQueries.LOCK_BY_PLACEMENT_ID).execute(Tuple.of(placementId, now()))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(Recorded.UNKNOWN);
                    }
                    CallPlacement before = placement(rows.iterator().next());
                    CallPlacement after = change.apply(before);
                    Recorded recorded = Recorded.of(before, after);
                    return after.equals(before) ? Uni.createFrom().item(recorded)
                            : connection.preparedQuery(CallQueries.AMEND).execute(amended(after)).replaceWith(recorded);
                })));
    }

    private static Tuple amended(CallPlacement placement) {
        CallPlacement.Conversation talk = placement.conversation();
        return Tuple.tuple().addString(placement.placementId()).addString(placement.callId())
                .addOffsetDateTime(utc(placement.createdAt()))
                .addOffsetDateTime(utc(placement.steps().get(CallPlacement.State.ULTRAVOX_CREATED)))
                .addOffsetDateTime(utc(placement.connection().agentClaimedAt()))
                .addString(placement.connection().answeredBy()).addString(placement.twilioStatus())
                .addOffsetDateTime(utc(talk.joined())).addOffsetDateTime(utc(talk.ended()))
                .addString(talk.endReason()).addString(talk.shortSummary()).addString(talk.summary())
                .addOffsetDateTime(utc(placement.endedAt()));
    }

    @Override
    public Uni<List<CallPlacement>> claimFollowUps(Duration lease, int limit) {
        return Uni.createFrom().deferred(() -> {
            OffsetDateTime now = now();
            return pool.preparedQuery(CallQueries.CLAIM_FOLLOW_UPS).execute(Tuple.of(now.plus(lease), now, limit))
                    .map(rows -> claimed(rows, Comparator.comparing(CallPlacement::followUpAt)));
        });
    }

    @Override
    public Uni<Void> markAnnounced(String placementId) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.MARK_ANNOUNCED)
                .execute(Tuple.of(placementId, now())).replaceWithVoid());
    }

    @Override
    public Uni<List<CallPlacement>> claimUnannounced(Instant finalBefore, Duration lease, int limit) {
        return Uni.createFrom().deferred(() -> {
            OffsetDateTime now = now();
            return pool.preparedQuery(CallQueries.CLAIM_UNANNOUNCED)
                    .execute(Tuple.of(utc(finalBefore), now.plus(lease), now, limit))
                    .map(rows -> claimed(rows, Comparator.comparing(CallPlacement::acceptedAt)));
        });
    }

    @Override
    public Uni<Void> postponeFollowUp(String placementId, Instant next) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.POSTPONE_FOLLOW_UP)
                .execute(Tuple.of(placementId, utc(next))).replaceWithVoid());
    }

    /** The placements a claiming {@code UPDATE … RETURNING} answered, in {@code order} (RETURNING keeps none). */
    private static List<CallPlacement> claimed(RowSet<Row> rows, Comparator<CallPlacement> order) {
        List<CallPlacement> claimed = new ArrayList<>();
        rows.forEach(row -> claimed.add(placement(row)));
        claimed.sort(order);
        return claimed;
    }

    private static Uni<RowSet<Row>> setLegs(SqlConnection connection, CallPlacement placement) {
        CallPlacement.Conversation talk = placement.conversation();
        Tuple values = Tuple.tuple().addString(placement.placementId()).addString(placement.twilioStatus())
                .addOffsetDateTime(utc(talk.joined())).addOffsetDateTime(utc(talk.ended()))
                .addString(talk.endReason()).addString(talk.shortSummary()).addString(talk.summary())
                .addOffsetDateTime(utc(placement.endedAt()));
        return connection.preparedQuery(CallQueries.SET_LEGS).execute(values);
    }

    @Override
    public Uni<Void> holdEarlyEvent(String twilioCallSid, CallEvent event) {
        return Uni.createFrom().deferred(() -> {
            Tuple values = Tuple.tuple().addString(twilioCallSid).addLong(event.sequenceNumber())
                    .addString(event.status()).addOffsetDateTime(utc(event.occurredAt()))
                    .addInteger(event.durationSeconds()).addString(event.answeredBy())
                    .addOffsetDateTime(utc(event.receivedAt())).addOffsetDateTime(now().plus(EARLY_EVENTS_KEPT));
            return pool.preparedQuery(CallQueries.HOLD_EARLY_EVENT).execute(values).replaceWithVoid();
        });
    }

    @Override
    public Uni<List<CallEvent>> earlyEvents(String twilioCallSid) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.EARLY_EVENTS)
                .execute(Tuple.of(twilioCallSid, now())).map(PostgresCallLedger::callbacks));
    }

    @Override
    public Uni<Void> forgetEarlyEvents(String twilioCallSid, List<Long> sequenceNumbers) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.FORGET_EARLY_EVENTS)
                .execute(Tuple.of(twilioCallSid, sequenceNumbers.toArray(new Long[0]))).replaceWithVoid());
    }

    @Override
    public Uni<List<CallEvent>> events(String placementId) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.EVENTS)
                .execute(Tuple.of(placementId, now())).map(PostgresCallLedger::callbacks));
    }

    /** Deletes expired timelines, then expired placements; counts the placements. */
    @Override
    public Uni<Integer> purgeExpired() {
        return Uni.createFrom().deferred(() -> {
            Tuple now = Tuple.of(now());
            return pool.preparedQuery(CallQueries.PURGE_EARLY_EVENTS).execute(now)
                    .flatMap(early -> pool.preparedQuery(CallQueries.PURGE_EVENTS).execute(now))
                    .flatMap(events -> pool.preparedQuery(CallQueries.PURGE).execute(now))
                    .map(RowSet::rowCount);
        });
    }

    /** The callbacks a query answered (EVENTS, EARLY_EVENTS: same columns), in its order. */
    private static List<CallEvent> callbacks(RowSet<Row> rows) {
        List<CallEvent> callbacks = new ArrayList<>();
        rows.forEach(row -> callbacks.add(event(row)));
        return callbacks;
    }

    private static CallEvent event(Row row) {
        OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
        return new CallEvent(row.getLong("sequence_number"), row.getString("status"),
                occurred == null ? null : occurred.toInstant(), row.getInteger("duration_seconds"),
                row.getString("answered_by"), row.getOffsetDateTime("received_at").toInstant());
    }

    private static CallPlacement placement(Row row) {
        Map<CallPlacement.State, Instant> steps = new EnumMap<>(CallPlacement.State.class);
        for (CallPlacement.State state : CallPlacement.State.values()) {
            OffsetDateTime at = row.getOffsetDateTime(STEP_COLUMNS.get(state.ordinal()));
            if (at != null) {
                steps.put(state, at.toInstant());
            }
        }
        String errorKind = row.getString("error_kind");
        CallPlacement.Failure error = errorKind == null ? null
                : new CallPlacement.Failure(errorKind, row.getInteger("error_status"));
        return new CallPlacement(row.getString("placement_id"), row.getString("agent_id"),
                row.getString("to_number"), row.getString("from_number"),
                CallPlacement.State.fromWire(row.getString("state")).orElseThrow(),
                row.getString("call_id"), row.getString("twilio_call_sid"), row.getString("twilio_status"),
                row.getOffsetDateTime("created_at").toInstant(), steps, error, row.getString("idempotency_key"),
                row.getString("owner"), instant(row, "follow_up_at"),
                new CallPlacement.Conversation(instant(row, "conversation_joined_at"),
                        instant(row, "conversation_ended_at"), row.getString("end_reason"),
                        row.getString("short_summary"), row.getString("summary")),
                instant(row, "ended_at"), CallPlacement.Direction.fromWire(row.getString("direction")),
                new CallPlacement.Connection(ConnectMode.fromWire(row.getString("connect_mode")).orElseThrow(),
                        MachineDetection.fromWire(row.getString("machine_detection")).orElseThrow(),
                        row.getString("voicemail_message"), jsonNode(row.getString("agent_request")),
                        instant(row, "agent_claimed_at"), row.getString("answered_by")));
    }

    private static String json(JsonNode node) {
        try {
            return node == null ? null : JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An agent request could not be written as JSON", e);
        }
    }

    private static JsonNode jsonNode(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded agent request is not JSON", e);
        }
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
