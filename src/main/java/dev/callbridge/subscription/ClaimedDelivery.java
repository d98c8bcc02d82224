package dev.callbridge.subscription;

/**
 * A delivery a dispatcher holds for one attempt, with what it needs to make it.
 *
 * @param delivery the delivery, {@code attempts} not yet counting this one
 * @param url      the subscription's URL
 * @param secret   the subscription's signing secret
 * @param token    proves the claim when its outcome is recorded: a claim that lapsed and was
 *                 taken over by another dispatcher records nothing
 */
public record ClaimedDelivery(Delivery delivery, String url, String secret, String token) {

    @Override
    public String toString() {
        return "ClaimedDelivery[seq=" + delivery.seq() + ", event=" + delivery.eventId() + "]";
    }
}
