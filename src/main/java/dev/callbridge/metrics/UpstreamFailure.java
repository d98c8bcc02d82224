package dev.callbridge.metrics;

/** A failure of a vendor operation, as far as metrics need to know it. */
public interface UpstreamFailure {

    /** The HTTP status the vendor answered, or null when it did not answer. */
    Integer upstreamStatus();

    /** The status Callbridge answers its client with. */
    int status();
}
