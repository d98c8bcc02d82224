package dev.callbridge.guard;

import dev.callbridge.http.ApiProblemException;
import java.time.Instant;
import java.util.List;

/**
 * An outbound placement the guard refused before its first record: nothing was recorded and no
 * vendor was asked, so the refusal had no effect. {@link #rule()} names the rule; {@link #retryAt()}
 * says when the rule may let the number through again, null when only a change elsewhere would
 * (the number taken off the do-not-call list).
 */
public class PlacementRefused extends ApiProblemException {

    private final GuardRule rule;
    private final Instant retryAt;

    public PlacementRefused(GuardRule rule, String detail, Instant retryAt) {
        super(rule.status(), rule.kind(), rule.title(), detail, List.of(), null, true);
        this.rule = rule;
        this.retryAt = retryAt;
    }

    /** The rule that refused the placement. */
    public GuardRule rule() {
        return rule;
    }

    /** When the rule may let the number through again; null when no time is known. */
    public Instant retryAt() {
        return retryAt;
    }
}
