package dev.callbridge.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.rest.api.v2010.account.CallUpdater;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.resilience.OperationKind;
import dev.callbridge.resilience.Resilience;
import dev.callbridge.resilience.ResilienceConfig;
import dev.callbridge.resilience.VendorGuard;
import dev.callbridge.twilio.TwilioErrors.Operation;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.context.ManagedExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Twilio as the rest of Callbridge sees it, and the only class that touches the Twilio SDK.
 * The SDK blocks for the whole round trip, so every operation runs off the event loop: on
 * virtual threads (Quarkus' worker pool on JDK 17) or, if so configured, on the worker pool. Failures arrive as
 * {@link TwilioCallException}s. Every operation runs under the Twilio {@link VendorGuard}: its own
 * timeout (which also caps the socket timeout of its requests), retries of reads and hang-ups,
 * a retry of call creation only after a refused connection, and the Twilio circuit breaker.
 *
 * <p>Created at startup ({@link Startup}), and with it the SDK's static state: the class
 * {@code com.twilio.Twilio} registers a JVM shutdown hook when it is first initialised, which
 * the JVM refuses once shutdown has begun. Initialised lazily, the first placement after
 * {@code SIGTERM} on an instance that had not used Twilio yet would fail.
 */
@ApplicationScoped
@Startup
public class TwilioGateway {

    private static final List<String> CALLBACK_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    /** Twilio's detection that waits for the end of a machine's greeting before it reports. */
    static final String MACHINE_DETECTION = "DetectMessageEnd";
    /** Twilio's detection that reports a machine as soon as it recognises one ({@code machine_start}). */
    static final String EARLY_MACHINE_DETECTION = "Enable";
    /** Twilio answers this when asked to change a call that is no longer in progress. */
    private static final int CALL_NOT_IN_PROGRESS = 21220;

    private final TwilioHttpClient http;
    private final TwilioRestClient client;
    private final ExecutorService executor;
    private final Optional<URI> statusCallback;
    private final VendorGuard guard;
    private final ResilienceConfig.Twilio timeouts;

    TwilioGateway(TwilioConfig config, ServiceConfig service, @VirtualThreads ExecutorService virtualThreads,
            ManagedExecutor workerPool, Resilience resilience, ResilienceConfig resilienceConfig) {
        initialiseSdk();
        this.guard = resilience.twilio();
        this.timeouts = resilienceConfig.twilio();
        this.http = new TwilioHttpClient(config);
        this.client = new TwilioRestClient.Builder(config.accountSid().orElse(""), config.authToken().orElse(""))
                .httpClient(http)
                .build();
        this.executor = config.offload() == TwilioConfig.Offload.WORKER_POOL ? workerPool : virtualThreads;
        this.statusCallback = TwilioWebhookUrl.statusCallback(service).map(URI::create);
    }

    private static void initialiseSdk() {
        try {
            Class.forName("com.twilio.Twilio", true, TwilioGateway.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The Twilio SDK is not on the class path", e);
        }
    }

    /**
     * Fails fast with a 503 problem while Twilio's circuit breaker is open, without spending a
     * trial request: lets a placement refuse before it creates anything at Ultravox.
     */
    public Uni<Void> checkDialable() {
        return guard.checkAvailable();
    }

    /**
     * Places a call: one POST, repeated only when the connection was refused (the request
     * provably never reached Twilio). Fails with a {@link TwilioCallException}
     * carrying Twilio's code, status and {@code more_info}.
     */
    public Uni<TwilioCall> createCall(OutboundCall call) {
        return guarded("create_call", OperationKind.CREATE, timeouts.createTimeout(),
                () -> toCall(creator(call).create(client)), Operation.CREATE, call.fromIsConfigured(),
                this::hangUpLateCall);
    }

    /** The call's current state; a 404 problem when Twilio does not know the SID. */
    public Uni<TwilioCall> fetchCall(String sid) {
        return guarded("fetch_call", OperationKind.READ, timeouts.readTimeout(),
                () -> toCall(Call.fetcher(sid).fetch(client)), Operation.FETCH, false, late -> { });
    }

    /**
     * The account's latest calls to {@code to} from {@code from}, newest first, at most
     * {@code limit} (one page): recovery reads them to learn whether a dial that a crash
     * interrupted reached Twilio. Retried like every read.
     */
    public Uni<List<TwilioCall>> findCalls(String to, String from, int limit) {
        return guarded("list_calls", OperationKind.READ, timeouts.readTimeout(), () -> Call.reader()
                .setTo(new PhoneNumber(to)).setFrom(new PhoneNumber(from)).setPageSize((long) limit)
                .firstPage(client).getRecords().stream().map(TwilioGateway::toCall).toList(),
                Operation.LIST, false, late -> { });
    }

    /**
     * Hangs up: a call in progress is completed, a queued or ringing one canceled, an ended one
     * left alone. Safe to repeat; answers the call's state afterwards.
     */
    public Uni<TwilioCall> hangUp(String sid) {
        return guarded("hang_up", OperationKind.DELETE, timeouts.hangUpTimeout(), () -> hangUpNow(sid),
                Operation.HANG_UP, false, late -> { });
    }

    /**
     * Cancels a call that has not been answered yet; an answered or ended one is left alone
     * (whatever it plays ends it). Answers the call's state afterwards.
     */
    public Uni<TwilioCall> cancelUnanswered(String sid) {
        return guarded("cancel_call", OperationKind.DELETE, timeouts.hangUpTimeout(), () -> {
            TwilioCall current = toCall(Call.fetcher(sid).fetch(client));
            return current.isTerminal() || "in-progress".equals(current.status()) ? current
                    : update(sid, Call.UpdateStatus.CANCELED);
        }, Operation.HANG_UP, false, late -> { });
    }

    /**
     * Replaces what a call in progress executes with {@code twiml} (Twilio runs it at once, ending
     * whatever it was doing, the agent's stream included). Repeated only when provably not sent: a
     * second redirect would start the new TwiML over. A call that ended meanwhile is left alone
     * (Twilio's 21220); answers the call's state afterwards.
     */
    public Uni<TwilioCall> redirect(String sid, String twiml) {
        return guarded("redirect_call", OperationKind.CREATE, timeouts.createTimeout(), () -> redirectNow(sid, twiml),
                Operation.REDIRECT, false, late -> { });
    }

    private TwilioCall redirectNow(String sid, String twiml) {
        return change(sid, Call.updater(sid).setTwiml(new Twiml(twiml)));
    }

    private TwilioCall hangUpNow(String sid) {
        TwilioCall current = toCall(Call.fetcher(sid).fetch(client));
        if (current.isTerminal()) {
            return current;
        }
        Call.UpdateStatus target = "in-progress".equals(current.status())
                ? Call.UpdateStatus.COMPLETED : Call.UpdateStatus.CANCELED;
        TwilioCall updated = update(sid, target);
        if (target == Call.UpdateStatus.CANCELED && "in-progress".equals(updated.status())) {
            // Answered between our read and the cancel, which only affects calls not yet answered.
            updated = update(sid, Call.UpdateStatus.COMPLETED);
        }
        return updated;
    }

    private TwilioCall update(String sid, Call.UpdateStatus status) {
        return change(sid, Call.updater(sid).setStatus(status));
    }

    /** Applies a change to a live call; one that ended meanwhile (21220) has nothing left to change. */
    private TwilioCall change(String sid, CallUpdater change) {
        try {
            return toCall(change.update(client));
        } catch (ApiException e) {
            if (e.getCode() != null && e.getCode() == CALL_NOT_IN_PROGRESS) {
                return toCall(Call.fetcher(sid).fetch(client));
            }
            throw e;
        }
    }

    private CallCreator creator(OutboundCall call) {
        CallCreator creator = call.answerUrl() == null
                ? Call.creator(new PhoneNumber(call.to()), new PhoneNumber(call.from()), new Twiml(call.twiml()))
                : Call.creator(new PhoneNumber(call.to()), new PhoneNumber(call.from()), call.answerUrl())
                        .setMethod(HttpMethod.POST);
        call.ringTimeoutSeconds().ifPresent(creator::setTimeout);
        if (call.machineDetectionCallback() != null) {
            // Asynchronous: the callee hears the agent at once. A message waits for the end of a
            // machine's greeting (the beep); a hang-up comes as soon as a machine is recognised.
            creator.setMachineDetection(call.awaitBeep() ? MACHINE_DETECTION : EARLY_MACHINE_DETECTION)
                    .setAsyncAmd("true")
                    .setAsyncAmdStatusCallback(call.machineDetectionCallback())
                    .setAsyncAmdStatusCallbackMethod(HttpMethod.POST);
        }
        statusCallback.ifPresent(uri -> creator.setStatusCallback(uri)
                .setStatusCallbackEvent(CALLBACK_EVENTS)
                .setStatusCallbackMethod(HttpMethod.POST));
        return creator;
    }

    /**
     * One SDK operation under the guard. The socket timeout of its requests is set a little
     * below the operation's {@code timeout}, so the SDK gives up first and its own failure is
     * the one reported; the guard's timeout stays a backstop for time spent before a request
     * is sent (waiting for a pooled connection, connecting).
     */
    private <T> Uni<T> guarded(String metricName, OperationKind kind, Duration timeout, Supplier<T> sdkCall,
            Operation operation, boolean fromIsConfigured, Consumer<T> afterGivingUp) {
        Duration socketTimeout = timeout.minus(margin(timeout));
        return guard.call(metricName, kind,
                () -> blocking(() -> TwilioHttpClient.withResponseTimeout(socketTimeout, sdkCall), operation,
                        fromIsConfigured, afterGivingUp),
                // Failures of the attempt are translated already; this catches the guard's own timeout.
                f -> TwilioErrors.translate(f, null, operation, fromIsConfigured));
    }

    private static Duration margin(Duration timeout) {
        return Duration.ofMillis(Math.max(50, Math.min(500, timeout.toMillis() / 10)));
    }

    /**
     * Runs an SDK call off the event loop and translates its failure on the same thread. If the
     * guard gave up meanwhile (its backstop timeout), nobody waits for the outcome any more:
     * a failure is dropped quietly, a result goes to {@code afterGivingUp}.
     */
    private <T> Uni<T> blocking(Supplier<T> sdkCall, Operation operation, boolean fromIsConfigured,
            Consumer<T> afterGivingUp) {
        return Uni.createFrom().<T>emitter(emitter -> {
            // Termination before this emitter completed can only be a cancellation.
            AtomicBoolean abandoned = new AtomicBoolean();
            emitter.onTermination(() -> abandoned.set(true));
            T result;
            try {
                result = sdkCall.get();
            } catch (RuntimeException e) {
                // Read the last answer here: it lives in a thread-local of this worker thread.
                RuntimeException failure = TwilioErrors.translate(e, TwilioHttpClient.lastAnswer(), operation,
                        fromIsConfigured);
                if (!abandoned.get()) {
                    emitter.fail(failure);
                }
                return;
            }
            if (abandoned.get()) {
                afterGivingUp.accept(result);
            } else {
                emitter.complete(result);
            }
        }).runSubscriptionOn(executor);
    }

    /**
     * A call Twilio accepted after Callbridge had given up on the creation (and deleted its
     * Ultravox call): the phone would ring into silence, so it is hung up at once.
     */
    private void hangUpLateCall(TwilioCall call) {
        Log.errorf("Twilio accepted call %s after its creation had timed out; hanging it up", call.sid());
        try {
            hangUpNow(call.sid());
        } catch (RuntimeException e) {
            Log.errorf("Hanging up the late Twilio call %s failed: %s", call.sid(), e.getMessage());
        }
    }

    private static TwilioCall toCall(Call call) {
        return new TwilioCall(call.getSid(), call.getStatus() == null ? "unknown" : call.getStatus().toString(),
                seconds(call.getDuration()), offset(call.getStartTime()), offset(call.getEndTime()),
                offset(call.getDateCreated()));
    }

    private static Integer seconds(String duration) {
        try {
            return duration == null || duration.isBlank() ? null : Integer.valueOf(duration.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OffsetDateTime offset(ZonedDateTime time) {
        return time == null ? null : time.toOffsetDateTime();
    }

    @PreDestroy
    void close() {
        try {
            http.close();
        } catch (IOException e) {
            Log.debug("Closing the Twilio HTTP client failed", e);
        }
    }
}
