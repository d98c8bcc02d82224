package dev.callbridge.guard;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A number on the do-not-call list.
 *
 * @param number  E.164
 * @param addedAt when it was first put on the list
 */
@RegisterForReflection
@Schema(name = "DoNotCallEntry", description = "A number no outbound call may be placed to.")
public record DoNotCallEntry(
        @Schema(required = true, examples = "+14155550123", description = "The number, international (E.164) form")
        String number,
        @Schema(required = true, implementation = String.class, format = "date-time",
                description = "When it was first put on the list")
        Instant addedAt) {

    @Override
    public String toString() {
        return "DoNotCallEntry[number=" + dev.callbridge.phone.PhoneMask.mask(number) + ", addedAt=" + addedAt + "]";
    }
}
