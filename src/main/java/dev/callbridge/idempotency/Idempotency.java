package dev.callbridge.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.http.ApiKeyOwner;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.ProblemResponses;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a create request at most once per {@code Idempotency-Key}. The first response is
 * remembered and replayed to repeats of the same request ({@code Idempotent-Replayed: true});
 * the key used with a different request is refused (422), and a repeat that arrives while
 * the first is still running is told to come back (409 with {@code Retry-After}).
 * Keys are scoped to the API key that sent them.
 *
 * <p>Every answer is remembered, failures included, except refusals that provably had no
 * effect ({@link ApiProblemException#provablyHadNoEffect()}: validation, overload, shutdown,
 * an open breaker, an Ultravox 429); after those a retry with the same key runs again.
 */
@ApplicationScoped
public class Idempotency {

    /** Request header carrying the client's key. */
    public static final String HEADER = "Idempotency-Key";
    /** Response header set on replays. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** Response header set on replays of a response that was too large to keep whole. */
    public static final String BODY_OMITTED = "Idempotent-Body-Omitted";

    private static final Pattern VALID_KEY = Pattern.compile("^[\\x20-\\x7E]{1,255}$");

    private final IdempotencyStore store;
    private final ObjectMapper mapper;

    Idempotency(IdempotencyStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /**
     * @param key     the client's {@code Idempotency-Key}, or null to run without one
     * @param apiKey  the caller's API key, used only as a digest to scope the key
     * @param method  HTTP method and
     * @param path    request path, both part of what "the same request" means
     * @param body    the bound request body
     * @param action  produces the response when the request runs; it is given the scoped key it
     *                runs under (null without a key), which a placement records so that recovery
     *                can settle the key if the process dies before the answer is kept
     */
    public Uni<Response> run(String key, String apiKey, String method, String path, Object body,
            Function<String, Uni<Response>> action) {
        if (key == null) {
            return Uni.createFrom().<Response>deferred(() -> action.apply(null));
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(ApiProblemException.validation(List.of(
                    new FieldError(HEADER, "must be 1-255 printable ASCII characters"))));
        }
        // The key is claimed when the request is subscribed to, not when this Uni is built.
        return Uni.createFrom().deferred(() -> claimed(key, apiKey, method, path, body, action));
    }

    private Uni<Response> claimed(String key, String apiKey, String method, String path, Object body,
            Function<String, Uni<Response>> action) {
        String scoped = scope(apiKey, key);
        return store.claim(scoped, sha256(method + " " + path + " " + canonical(body)))
                .onFailure().transform(Idempotency::storeUnavailable)
                .flatMap(claim -> answer(claim, scoped, method, path, action));
    }

    private Uni<Response> answer(Claim claim, String scoped, String method, String path,
            Function<String, Uni<Response>> action) {
        if (claim instanceof Claim.Replay replay) {
            return Uni.createFrom().item(replayed(replay.response()));
        }
        if (claim instanceof Claim.InFlight) {
            return Uni.createFrom().failure(new ApiProblemException(409, "idempotency-in-flight", "Conflict",
                    "A request with this Idempotency-Key is still being processed; retry shortly.",
                    List.of(), Duration.ofSeconds(1)));
        }
        if (claim instanceof Claim.Mismatch) {
            return Uni.createFrom().failure(new ApiProblemException(422, "idempotency-mismatch",
                    "Unprocessable Entity", "This Idempotency-Key was already used with a different request.",
                    List.of(), null));
        }
        return execute(scoped, method, path, action);
    }

    /** The key could not be checked, so the request did not run: a retry is safe. */
    private static ApiProblemException storeUnavailable(Throwable failure) {
        Log.errorf("Idempotency store unavailable: %s", failure.toString());
        return ApiProblemException.refusal(503, "store-unavailable", "Service Unavailable",
                "The Idempotency-Key could not be checked, so the request was not run; retry shortly.",
                Duration.ofSeconds(1));
    }

    /**
     * Runs a granted request and keeps its answer, success or failure, unless the failure
     * provably had no effect. A failure after a vendor request may have left the machine is
     * kept whatever its status or headers (a Twilio 503 may come after the phone rang), so a
     * retry replays it instead of acting twice.
     */
    private Uni<Response> execute(String scoped, String method, String path,
            Function<String, Uni<Response>> action) {
        return Uni.createFrom().<Response>deferred(() -> action.apply(scoped))
                .call(response -> remember(scoped, response))
                .onFailure().recoverWithUni(failure -> {
                    ApiProblemException problem = ProblemResponses.problemOf(failure, method, path);
                    Response response = ProblemResponses.response(problem, path);
                    Uni<Void> kept = problem.provablyHadNoEffect() ? settled(store.release(scoped), scoped)
                            : remember(scoped, response);
                    return kept.replaceWith(response);
                });
    }

    /**
     * The key as the store knows it: a digest of the caller's API key (never the key itself)
     * and the client's {@code Idempotency-Key}.
     */
    public static String scope(String apiKey, String key) {
        return ApiKeyOwner.of(apiKey) + ":" + key;
    }

    /**
     * Keeps {@code answer} under a scoped key whose request was cut short (its process died):
     * recovery found what the request did, so a retry replays it instead of acting again.
     */
    public Uni<Void> recordAnswer(String scoped, Response answer) {
        return store.complete(scoped, stored(answer));
    }

    /** Frees a scoped key whose request was cut short and provably left nothing behind: a retry runs again. */
    public Uni<Void> releaseKey(String scoped) {
        return store.release(scoped);
    }

    private Uni<Void> remember(String scoped, Response response) {
        return settled(store.complete(scoped, stored(response)), scoped);
    }

    private StoredResponse stored(Response response) {
        return new StoredResponse(response.getStatus(),
                response.getMediaType() == null ? null : response.getMediaType().toString(),
                response.getHeaderString(HttpHeaders.LOCATION), serialize(response.getEntity()));
    }

    /**
     * The request has run: its answer goes to the client even when the store cannot record it.
     * The claim then stays until its lease ends, so a retry is told to wait rather than run twice.
     */
    private static Uni<Void> settled(Uni<Void> storeUpdate, String scoped) {
        return storeUpdate.onFailure().recoverWithUni(failure -> {
            Log.errorf("Idempotency store could not record the outcome of a request: %s", failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private Response replayed(StoredResponse stored) {
        Response.ResponseBuilder builder = Response.status(stored.status()).header(REPLAYED, "true");
        if (stored.bodyOmitted()) {
            builder.header(BODY_OMITTED, "true");
        }
        if (stored.body() != null) {
            builder.entity(stored.body()).type(stored.contentType() == null ? "application/json" : stored.contentType());
        }
        if (stored.location() != null) {
            builder.header(HttpHeaders.LOCATION, stored.location());
        }
        return builder.build();
    }

    private byte[] serialize(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be serialized for replay", e);
        }
    }

    /** JSON of the body with object keys sorted at every level, so key order does not matter. */
    private String canonical(Object body) {
        try {
            return mapper.writeValueAsString(sorted(mapper.valueToTree(body)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return String.valueOf(body);
        }
    }

    private static Object sorted(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return node;
        }
        if (node.isArray()) {
            return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(Idempotency::sorted).toList();
        }
        TreeMap<String, Object> map = new TreeMap<>();
        for (Iterator<String> it = ((ObjectNode) node).fieldNames(); it.hasNext(); ) {
            String name = it.next();
            map.put(name, sorted(node.get(name)));
        }
        return map;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
