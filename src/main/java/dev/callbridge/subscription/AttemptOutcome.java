package dev.callbridge.subscription;

/**
 * What one delivery attempt got.
 *
 * @param status the receiver's HTTP status, {@code null} when none arrived
 * @param error  why it failed, {@code null} on a 2xx; never a response body
 */
public record AttemptOutcome(Integer status, String error) {

    /** Whether the receiver accepted the event. */
    public boolean delivered() {
        return error == null;
    }

    static AttemptOutcome answered(int status) {
        return status >= 200 && status < 300 ? new AttemptOutcome(status, null)
                : new AttemptOutcome(status, "The receiver answered " + status + ".");
    }

    static AttemptOutcome failed(String error) {
        return new AttemptOutcome(null, error);
    }
}
