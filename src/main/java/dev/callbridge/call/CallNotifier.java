package dev.callbridge.call;

import dev.callbridge.subscription.CallNotifications;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what the ledger knows of a call into the {@code call.*} events its owner's webhook
 * subscriptions receive. The events follow from the call's state, not from the report that
 * changed it: a call that joined was also placed, rang and was answered, so a late or lost
 * Twilio callback still yields every event, in order. An inbound call has no {@code call.placed}
 * and no {@code call.ringing}: it is {@code call.answered} when its voice webhook came in. Each
 * event is published once per call
 * ({@link CallNotifications} ignores a repeat), so announcing a call again after every report, or
 * after a report that was a duplicate, is harmless. An announcement lost to a crash or a database
 * error is made again by the call's next report, a vendor's retry, or, for the final event, by
 * {@link CallFollowUp}: a placement is marked announced only once its final event is queued.
 */
@ApplicationScoped
public class CallNotifier {

    /** The Twilio statuses that prove the phone rang. */
    private static final Set<String> RANG = Set.of("ringing", "in-progress", "completed");
    /** The Twilio statuses that prove someone answered. */
    private static final Set<String> ANSWERED = Set.of("in-progress", "completed");

    /** The events that end a call's announcements: once queued, the placement is marked announced. */
    private static final Set<String> FINAL = Set.of("call.ended", "call.failed");

    private final CallNotifications notifications;
    private final CallLedger ledger;

    CallNotifier(CallNotifications notifications, CallLedger ledger) {
        this.notifications = notifications;
        this.ledger = ledger;
    }

    /**
     * Publishes every event the placement's state implies, in order, and marks the placement
     * announced once its final event is queued; fails when an event could not be queued. A
     * placement recorded without an owner (before owners were recorded) has no subscriptions.
     */
    public Uni<Void> announce(CallPlacement placement, List<CallEvent> callbacks) {
        List<Announcement> due = due(placement, callbacks);
        boolean complete = due.stream().anyMatch(event -> FINAL.contains(event.type()));
        if (placement.owner() == null || due.isEmpty()) {
            return complete ? ledger.markAnnounced(placement.placementId()) : Uni.createFrom().voidItem();
        }
        // Asked once for the whole announcement: it never skips an event and then queues a later
        // one. A final event is always offered (the outbox writes it only where it is wanted).
        return notifications.wantedTypes(placement.owner()).flatMap(wanted -> {
            List<Announcement> offered = due.stream()
                    .filter(event -> wanted.contains(event.type()) || FINAL.contains(event.type())).toList();
            if (offered.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            CallDetails data = CallViews.recorded(placement, callbacks);
            return Multi.createFrom().iterable(offered)
                    .onItem().transformToUniAndConcatenate(event -> notifications.publish(placement.owner(),
                            placement.placementId(), event.type(), event.at(), data))
                    .collect().last().replaceWithVoid();
        }).flatMap(queued -> complete ? ledger.markAnnounced(placement.placementId()) : Uni.createFrom().voidItem());
    }

    /**
     * Announces in the background: for the pipeline, which must not wait on the outbox. A failure
     * is logged; the call's next report or its follow-up announces again.
     */
    void announceLater(CallPlacement placement) {
        announce(placement, List.of()).subscribe().with(done -> { }, failure -> Log.warnf(
                "Events of placement %s could not be queued yet: %s", placement.placementId(), failure.toString()));
    }

    /** The events the placement's state implies, in the order they happened. */
    static List<Announcement> due(CallPlacement placement, List<CallEvent> callbacks) {
        List<Announcement> due = new ArrayList<>();
        switch (placement.state()) {
            case FAILED, COMPENSATED -> due.add(new Announcement("call.failed", placement.steps().get(placement.state())));
            case DIALED -> {
                Instant joined = placement.conversation().joined();
                // An inbound call was neither placed nor rang on Callbridge's side: it was answered
                // when its webhook came in.
                Optional<Instant> answered = placement.inbound() ? Optional.of(placement.acceptedAt())
                        : CallEvent.firstReceived(callbacks, ANSWERED).or(() -> Optional.ofNullable(joined));
                if (!placement.inbound()) {
                    due.add(new Announcement("call.placed", placement.steps().get(CallPlacement.State.DIALED)));
                    CallEvent.firstReceived(callbacks, RANG).or(() -> answered)
                            .ifPresent(at -> due.add(new Announcement("call.ringing", at)));
                }
                answered.ifPresent(at -> due.add(new Announcement("call.answered", at)));
                if (joined != null) {
                    due.add(new Announcement("call.joined", joined));
                }
                if (placement.endedAt() != null) {
                    due.add(new Announcement("call.ended", placement.endedAt()));
                }
            }
            default -> { }
        }
        return due;
    }

    /** One event to publish: its type and when it happened. */
    record Announcement(String type, Instant at) {
    }
}
