package dev.callbridge.bench;

/**
 * A distinct callee number for each placement of a phase, so that the Twilio stub's record of a
 * create request can be matched to the placement that caused it: the {@code To} field is the only
 * thing of the client's request that Callbridge passes on to Twilio. The numbers are US numbers in
 * the 555 exchange of a few area codes, all valid for Callbridge's number check.
 */
final class PlacementNumbers {

    private static final String[] AREA_CODES = {"415", "650", "212", "312", "617", "206"};
    private static final int PER_AREA = 10_000;
    /** How many placements one phase may have, each with a number of its own. */
    static final int CAPACITY = AREA_CODES.length * PER_AREA;

    private PlacementNumbers() {
    }

    /** The E.164 number of the {@code index}-th placement of a phase. */
    static String to(int index) {
        if (index < 0 || index >= CAPACITY) {
            throw new IllegalArgumentException("A phase has at most " + CAPACITY + " distinct numbers, not " + index);
        }
        return "+1" + AREA_CODES[index / PER_AREA] + "555" + String.format("%04d", index % PER_AREA);
    }
}
