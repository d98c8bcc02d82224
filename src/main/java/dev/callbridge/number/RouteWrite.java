package dev.callbridge.number;

/**
 * What {@link NumberRouteStore#put} did.
 *
 * @param outcome whether the route was stored, and if not why
 * @param route   the route as stored; null when it was not stored
 */
public record RouteWrite(Outcome outcome, NumberRoute route) {

    /** The possible results of a put. */
    public enum Outcome {
        /** The number was not routed; now it is. */
        CREATED,
        /** The owner's earlier route of the number was replaced. */
        REPLACED,
        /** Another owner routes the number; nothing changed. */
        OWNED_BY_ANOTHER,
        /** The number is new and the store already holds the most routes allowed; nothing changed. */
        LIMIT_REACHED
    }

    static RouteWrite refused(Outcome outcome) {
        return new RouteWrite(outcome, null);
    }
}
