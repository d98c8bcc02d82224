package dev.callbridge.number;

import dev.callbridge.agent.AgentService;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.PageSize;
import dev.callbridge.phone.PhoneMask;
import dev.callbridge.twilio.TwilioWebhookUrl;
import dev.callbridge.ultravox.UltravoxException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes numbers to agents for an owner: checks the route and that its agent exists, then
 * stores it unless another owner routes the number or the route limit is reached; reads and
 * deletes only the owner's own routes.
 */
@ApplicationScoped
public class NumberRouteService {

    private final NumberRouteStore store;
    private final NumberRouteRules rules;
    private final AgentService agents;
    private final NumberConfig config;
    private final String voiceUrl;
    private final String statusCallbackUrl;

    NumberRouteService(NumberRouteStore store, NumberRouteRules rules, AgentService agents, NumberConfig config,
            ServiceConfig service) {
        this.store = store;
        this.rules = rules;
        this.agents = agents;
        this.config = config;
        this.voiceUrl = TwilioWebhookUrl.of(service, TwilioWebhookUrl.VOICE_PATH).orElse(null);
        this.statusCallbackUrl = TwilioWebhookUrl.statusCallback(service).orElse(null);
    }

    /** What a put did, with the route as stored. */
    public record Put(boolean created, NumberRouteView route) {
    }

    /** Creates or replaces the owner's route of a number. */
    public Uni<Put> put(String owner, String number, RouteNumberRequest request) {
        return Uni.createFrom().item(() -> rules.check(number, request))
                .flatMap(checked -> notRoutedByAnother(owner, checked.number()).replaceWith(checked))
                .flatMap(checked -> agentExists(checked.agentId()).replaceWith(checked))
                .flatMap(checked -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    return store.put(new NumberRoute(checked.number(), checked.agentId(), checked.templateContext(),
                            checked.metadata(), checked.greeting(), owner, now, now), config.maxRoutes());
                })
                .map(this::stored);
    }

    /**
     * Refuses another owner's number before Ultravox is asked about the agent: the answer does
     * not then depend on Ultravox's health. The store's put checks again, atomically.
     */
    private Uni<Void> notRoutedByAnother(String owner, String e164) {
        return store.find(e164).map(found -> {
            if (found.isPresent() && !found.get().owner().equals(owner)) {
                throw routedElsewhere();
            }
            return null;
        });
    }

    private static ApiProblemException routedElsewhere() {
        return new ApiProblemException(409, "number-routed-elsewhere", "Number routed by another API key",
                "This number is routed by another API key; only that key can change or delete its route.");
    }

    private Put stored(RouteWrite write) {
        return switch (write.outcome()) {
            case CREATED, REPLACED -> {
                Log.infof("Number %s routed to agent %s (%s)", PhoneMask.mask(write.route().number()),
                        write.route().agentId(), write.outcome() == RouteWrite.Outcome.CREATED ? "new" : "replaced");
                yield new Put(write.outcome() == RouteWrite.Outcome.CREATED, view(write.route()));
            }
            case OWNED_BY_ANOTHER -> throw routedElsewhere();
            case LIMIT_REACHED -> throw new ApiProblemException(422, "number-route-limit", "Too many routed numbers",
                    config.maxRoutes() + " numbers are routed already, the most this service keeps "
                            + "(CALLBRIDGE_NUMBERS_MAX_ROUTES); delete a route first.");
        };
    }

    /** Asks Ultravox (or the sandbox) for the agent: an unknown one is refused, an outage answered as such. */
    private Uni<Void> agentExists(String agentId) {
        return agents.get(agentId).replaceWithVoid()
                .onFailure(f -> f instanceof UltravoxException missing
                        && missing.reason() == UltravoxException.Reason.NOT_FOUND)
                .transform(missing -> new ApiProblemException(422, "unknown-agent", "Unknown agent",
                        "No agent with id '" + agentId + "' exists; create the agent first.",
                        List.of(new FieldError("agentId", "must be the id of an existing agent")), null));
    }

    /** One page of the owner's routes, in number order. */
    public Uni<NumberRoutePage> list(String owner, String cursor, String pageSize) {
        List<FieldError> errors = new ArrayList<>();
        String after = NumberCursor.read(cursor, errors);
        int size = PageSize.read(pageSize, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiProblemException.validation(errors));
        }
        return store.list(owner, after, size + 1).map(rows -> page(rows, size));
    }

    private NumberRoutePage page(List<NumberRoute> rows, int size) {
        List<NumberRoute> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? NumberCursor.after(shown.get(shown.size() - 1).number()) : null;
        return new NumberRoutePage(shown.stream().map(this::view).toList(), next);
    }

    /** The owner's route of a number; 404 when the owner does not route it (another owner's route included). */
    public Uni<NumberRouteView> get(String owner, String number) {
        return Uni.createFrom().item(() -> NumberRouteRules.number(number))
                .flatMap(e164 -> store.find(e164).map(found -> found.filter(route -> route.owner().equals(owner))
                        .map(this::view).orElseThrow(() -> notRouted(e164))));
    }

    /** Deletes the owner's route of a number; 404 when the owner does not route it. */
    public Uni<Void> delete(String owner, String number) {
        return Uni.createFrom().item(() -> NumberRouteRules.number(number))
                .flatMap(e164 -> store.delete(owner, e164).map(deleted -> {
                    if (!deleted) {
                        throw notRouted(e164);
                    }
                    Log.infof("Number %s no longer routed", PhoneMask.mask(e164));
                    return null;
                }));
    }

    private NumberRouteView view(NumberRoute route) {
        return NumberRouteView.of(route, voiceUrl, statusCallbackUrl);
    }

    private static ApiProblemException notRouted(String e164) {
        return new ApiProblemException(404, "not-found", "Resource not found",
                "Number " + e164 + " is not routed by this API key.");
    }
}
