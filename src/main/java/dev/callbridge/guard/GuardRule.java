package dev.callbridge.guard;

/**
 * The rules every outbound placement passes before its first record, so before anything reaches a
 * vendor (see {@link PlacementRefused}). Each names the problem {@code type} a refused placement gets.
 */
public enum GuardRule {
    /** The number is on the do-not-call list. */
    DO_NOT_CALL("do-not-call", 422, "Number on the do-not-call list");

    private final String kind;
    private final int status;
    private final String title;

    GuardRule(String kind, int status, String title) {
        this.kind = kind;
        this.status = status;
        this.title = title;
    }

    /** The problem title: short and stable. */
    public String title() {
        return title;
    }

    /** The problem kind: the last segment of the problem {@code type}. */
    public String kind() {
        return kind;
    }

    /** The HTTP status of a placement this rule refuses. */
    public int status() {
        return status;
    }
}
