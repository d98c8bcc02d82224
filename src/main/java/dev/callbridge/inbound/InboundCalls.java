package dev.callbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callbridge.call.InboundConnector;
import dev.callbridge.call.ConnectOutcome;
import dev.callbridge.call.InboundRequest;
import dev.callbridge.number.NumberRoute;
import dev.callbridge.number.NumberRoutes;
import dev.callbridge.phone.PhoneMask;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers a call coming in to one of the account's numbers: finds the number's route, has the
 * {@link InboundConnector} connect the call to the route's agent, and answers the TwiML for
 * Twilio to play: the agent's stream, or the fallback ({@link FallbackTwiml}) when the number has
 * no route or the agent cannot take the call in time. It never fails: an error answered to
 * Twilio would have the caller hear Twilio's own error message.
 */
@ApplicationScoped
@Startup
public class InboundCalls {

    /** The shortest answer budget: below it no agent call could be made in time. */
    static final Duration MIN_BUDGET = Duration.ofMillis(100);
    /**
     * The longest answer budget: with the grace a connected call's record gets on top of it
     * ({@link InboundConnector#COMMIT_GRACE}), the answer still comes well inside Twilio's 15 s.
     */
    static final Duration MAX_BUDGET = Duration.ofSeconds(10);

    private final NumberRoutes routes;
    private final InboundConnector connector;
    private final FallbackTwiml fallback;
    private final InboundConfig config;
    private final InboundMetrics metrics;

    InboundCalls(NumberRoutes routes, InboundConnector connector, FallbackTwiml fallback, InboundConfig config,
            InboundMetrics metrics) {
        this.routes = routes;
        this.connector = connector;
        this.fallback = fallback;
        this.config = config;
        this.metrics = metrics;
        Duration budget = config.answerBudget();
        if (budget.compareTo(MIN_BUDGET) < 0 || budget.compareTo(MAX_BUDGET) > 0) {
            // Checked at start: a budget Twilio would not wait for fails every call, silently.
            throw new IllegalStateException("CALLBRIDGE_INBOUND_ANSWER_BUDGET must be between " + MIN_BUDGET.toMillis()
                    + " ms and " + MAX_BUDGET.toSeconds() + " s (Twilio waits 15 s for the answer), got " + budget);
        }
    }

    /** The TwiML answering {@code call}, within the answer budget. */
    public Uni<String> answer(InboundCall call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            Duration budget = config.answerBudget();
            Optional<String> number = call.calledNumber();
            Uni<Optional<NumberRoute>> route = number.isEmpty() ? Uni.createFrom().item(Optional.empty())
                    : routes.find(number.get()).ifNoItem().after(budget).fail();
            return route
                    .flatMap(found -> found.isEmpty() ? Uni.createFrom().item(unrouted(call))
                            : connector.connect(request(call, found.get()), remaining(budget, start)))
                    .onFailure().recoverWithItem(failure -> {
                        Log.errorf("Inbound call %s to %s answered with the fallback: %s", call.callSid(),
                                PhoneMask.mask(call.to()), failure.toString());
                        return ConnectOutcome.declined(InboundMetrics.ERROR);
                    })
                    .map(outcome -> {
                        metrics.answered(outcome.reason(), Duration.ofNanos(System.nanoTime() - start));
                        if (!outcome.isConnected() && !InboundMetrics.NO_ROUTE.equals(outcome.reason())) {
                            Log.infof("Inbound call %s to %s answered with the fallback (%s)", call.callSid(),
                                    PhoneMask.mask(call.to()), outcome.reason());
                        }
                        return outcome.isConnected() ? outcome.twiml() : fallback.twiml();
                    });
        });
    }

    private InboundRequest request(InboundCall call, NumberRoute route) {
        JsonNode context = CallerContext.of(call, route.templateContext());
        return new InboundRequest(call.callSid(), route.number(), call.callerNumber(), route.agentId(), route.owner(),
                context, route.metadata(), route.greeting(), config.joinTimeout());
    }

    private static ConnectOutcome unrouted(InboundCall call) {
        Log.infof("Inbound call %s to %s: the number has no route; the caller hears the fallback", call.callSid(),
                PhoneMask.mask(call.to()));
        return ConnectOutcome.declined(InboundMetrics.NO_ROUTE);
    }

    private static Duration remaining(Duration budget, long start) {
        Duration left = budget.minusNanos(System.nanoTime() - start);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
