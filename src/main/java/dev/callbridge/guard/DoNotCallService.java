package dev.callbridge.guard;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.PageSize;
import dev.callbridge.number.NumberCursor;
import dev.callbridge.number.NumberRouteRules;
import dev.callbridge.phone.PhoneMask;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the do-not-call list and refuses placements to the numbers on it. The list is the
 * account's, not an API key's: a number one application listed is refused whoever calls it.
 */
@ApplicationScoped
public class DoNotCallService {

    private final DoNotCallList list;
    private final GuardConfig config;

    DoNotCallService(DoNotCallList list, GuardConfig config) {
        this.list = list;
        this.config = config;
    }

    /** What a put did, with the entry as kept. */
    public record Put(boolean added, DoNotCallEntry entry) {
    }

    /** Puts a number on the list; repeating it keeps the first entry. */
    public Uni<Put> put(String written) {
        return Uni.createFrom().item(() -> NumberRouteRules.number(written)).flatMap(number -> list
                .add(new DoNotCallEntry(number, Instant.now().truncatedTo(ChronoUnit.MILLIS)), config.doNotCallMaxEntries())
                .flatMap(added -> switch (added) {
                    case ADDED, ALREADY_LISTED -> {
                        if (added == DoNotCallList.Added.ADDED) {
                            Log.infof("Number %s put on the do-not-call list", PhoneMask.mask(number));
                        }
                        yield list.find(number).map(found -> new Put(added == DoNotCallList.Added.ADDED,
                                found.orElseThrow(() -> notListed(number))));
                    }
                    case FULL -> throw new ApiProblemException(422, "do-not-call-limit", "Do-not-call list full",
                            config.doNotCallMaxEntries() + " numbers are on the do-not-call list already, the most "
                                    + "this service keeps (CALLBRIDGE_DO_NOT_CALL_MAX_ENTRIES).");
                }));
    }

    /** The number's entry; 404 when it is not listed. */
    public Uni<DoNotCallEntry> get(String written) {
        return Uni.createFrom().item(() -> NumberRouteRules.number(written))
                .flatMap(number -> list.find(number).map(found -> found.orElseThrow(() -> notListed(number))));
    }

    /** Takes a number off the list; 404 when it was not listed. */
    public Uni<Void> delete(String written) {
        return Uni.createFrom().item(() -> NumberRouteRules.number(written)).flatMap(number -> list.remove(number).map(removed -> {
            if (!removed) {
                throw notListed(number);
            }
            Log.infof("Number %s taken off the do-not-call list", PhoneMask.mask(number));
            return null;
        }));
    }

    /** One page of the list, in number order. */
    public Uni<DoNotCallPage> list(String cursor, String pageSize) {
        List<FieldError> errors = new ArrayList<>();
        String after = NumberCursor.read(cursor, errors);
        int size = PageSize.read(pageSize, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiProblemException.validation(errors));
        }
        return list.list(after, size + 1).map(rows -> {
            List<DoNotCallEntry> shown = rows.size() > size ? rows.subList(0, size) : rows;
            String next = rows.size() > size ? NumberCursor.after(shown.get(shown.size() - 1).number()) : null;
            return new DoNotCallPage(List.copyOf(shown), next);
        });
    }

    /**
     * Refuses a placement to {@code e164} when the number is listed ({@code 422 do-not-call}):
     * checked before the placement's first record, so nothing is recorded and no vendor asked.
     */
    public Uni<Void> check(String e164) {
        return list.find(e164).onFailure().transform(DoNotCallService::unreadable).map(found -> {
            if (found.isPresent()) {
                throw new PlacementRefused(GuardRule.DO_NOT_CALL, "The number is on the do-not-call list (since "
                        + found.get().addedAt() + "); no call is placed to it until it is taken off with "
                        + "DELETE /api/v1/do-not-call/{number}.", null);
            }
            return null;
        });
    }

    /** The list could not be read: the placement is refused rather than risk calling a listed number. */
    private static ApiProblemException unreadable(Throwable failure) {
        Log.errorf("Do-not-call list unavailable, placement refused: %s", failure.toString());
        return ApiProblemException.refusal(503, "store-unavailable", "Service Unavailable",
                "The do-not-call list could not be read, so the call was not placed; retry shortly.",
                java.time.Duration.ofSeconds(1));
    }

    private static ApiProblemException notListed(String e164) {
        return new ApiProblemException(404, "not-found", "Resource not found",
                "Number " + e164 + " is not on the do-not-call list.");
    }
}
