package dev.callbridge.sandbox;

import dev.callbridge.config.ServiceConfig;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Twilio Calls API under {@code /sandbox/twilio/2010-04-01/Accounts/{sid}}:
 * create (form-encoded), list, fetch, and update to {@code completed}/{@code canceled}, with
 * Twilio's validation order, error codes and JSON, and redirect of an in-progress call to new
 * {@code Twiml} or {@code Url}. {@code IncomingCalls.json} is the sandbox's own: a simulated
 * caller rings a number, and what that caller heard can be read back; {@code OutgoingCalls/{sid}.json}
 * tells what the callee of a created call heard.
 */
@Path("/sandbox/twilio/2010-04-01/Accounts/{accountSid}")
@Produces(MediaType.APPLICATION_JSON)
public class TwilioSandboxResource {

    static final int DEFAULT_TIMEOUT = 60;
    static final int MAX_TIMEOUT = 600;

    private final SandboxTwilioCalls calls;
    private final AnswerDelays delays;
    private final ServiceConfig service;
    /** Creates to {@link MagicNumbers#FAILS_ONCE} so far: the odd-numbered ones fail. */
    private final AtomicLong failOnceAttempts = new AtomicLong();

    TwilioSandboxResource(SandboxTwilioCalls calls, AnswerDelays delays, ServiceConfig service) {
        this.calls = calls;
        this.delays = delays;
        this.service = service;
    }

    /**
     * The account resource ({@code GET .../Accounts/{sid}.json}), which readiness probes read
     * to prove the credentials work. JAX-RS binds {@code {accountSid}} to {@code AC….json} here.
     */
    @GET
    public Response account(@PathParam("accountSid") String accountSidWithSuffix) {
        String sid = accountSidWithSuffix.replaceFirst("\\.json$", "");
        return Response.ok(java.util.Map.of("sid", sid, "friendly_name", "Callbridge sandbox", "status", "active",
                "type", "Full", "date_created", TwilioTimes.format(java.time.Instant.now()))).build();
    }

    /**
     * Creates a call; its {@code 201} may be held for {@code callbridge.sandbox.delay.twilio-call-create}
     * after the call exists ({@link AnswerDelays}).
     */
    @POST
    @Path("/Calls.json")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    public Uni<Response> create(@PathParam("accountSid") String accountSid, MultivaluedMap<String, String> form) {
        return delays.twilioCallCreate(place(accountSid, form));
    }

    /**
     * One page of the account's calls, newest first, filtered and paged like Twilio's list
     * ({@link TwilioCallQuery}); each call as a fetch shows it, in Twilio's envelope ({@link TwilioCallList}).
     */
    @GET
    @Path("/Calls.json")
    public Response list(@PathParam("accountSid") String accountSid, @Context UriInfo uri) {
        TwilioCallQuery.Outcome outcome = TwilioCallQuery.read(uri.getQueryParameters());
        if (outcome.error() != null) {
            return outcome.error();
        }
        TwilioCallQuery query = outcome.query();
        List<SimulatedTwilioCall> newestFirst =
                new ArrayList<>(calls.matching(call -> query.matches(accountSid, call)));
        Collections.reverse(newestFirst);
        SequencePage<SimulatedTwilioCall> page = query.token() != null
                ? SequencePage.at(newestFirst, SimulatedTwilioCall::seq, query.token(), query.pageSize(), false)
                : SequencePage.slice(newestFirst, SimulatedTwilioCall::seq,
                        (int) Math.min(query.start(), Integer.MAX_VALUE), query.pageSize());
        return Response.ok(TwilioCallList.envelope(accountSid, query, page)).build();
    }

    private Response place(String accountSid, MultivaluedMap<String, String> form) {
        TwilioCallRequests.Outcome outcome = TwilioCallRequests.read(form == null ? new MultivaluedHashMap<>() : form);
        if (outcome.error() != null) {
            return outcome.error();
        }
        TwilioCallRequests.Valid request = outcome.valid();
        if (request.to().equals(MagicNumbers.FAILS_ONCE) && failOnceAttempts.incrementAndGet() % 2 == 1) {
            return TwilioErrors.internal();
        }
        return calls.create(accountSid, request.to(), request.from(), request.options())
                .map(call -> Response.status(201).entity(call.toJson()).build())
                .orElseGet(TwilioErrors::tooManyRequests);
    }

    /**
     * Rings a number: an inbound call from {@code From} to {@code To}, answered {@code 201} at
     * once while its voice webhook goes to {@code Url} (default: this service's
     * {@code /webhooks/twilio/voice}) in the background.
     */
    @POST
    @Path("/IncomingCalls.json")
    @Consumes(MediaType.WILDCARD)
    public Response ring(@PathParam("accountSid") String accountSid, MultivaluedMap<String, String> form) {
        IncomingCallRequests.Outcome outcome = IncomingCallRequests.read(
                form == null ? new MultivaluedHashMap<>() : form,
                TwilioWebhookUrl.of(service, TwilioWebhookUrl.VOICE_PATH), TwilioWebhookUrl.statusCallback(service));
        if (outcome.error() != null) {
            return outcome.error();
        }
        IncomingCallRequests.Valid request = outcome.valid();
        return calls.ring(accountSid, request.to(), request.from(), request.statusCallback(), request.incoming())
                .map(created -> Response.status(201).entity(created).build())
                .orElseGet(TwilioErrors::tooManyRequests);
    }

    /** What the caller of an inbound call heard, and how its voice webhook was answered. */
    @GET
    @Path("/IncomingCalls/{callSid}.json")
    public Response heard(@PathParam("callSid") String callSid, @Context UriInfo uri) {
        return calls.get(callSid).filter(call -> call.incoming() != null)
                .map(call -> Response.ok(call.incoming().toJson(call)).build())
                .orElseGet(() -> TwilioErrors.notFound(resourcePath(uri)));
    }

    @GET
    @Path("/Calls/{callSid}.json")
    public Response fetch(@PathParam("callSid") String callSid, @Context UriInfo uri) {
        return calls.get(callSid).map(call -> Response.ok(call.toJson()).build())
                .orElseGet(() -> TwilioErrors.notFound(resourcePath(uri)));
    }

    @POST
    @Path("/Calls/{callSid}.json")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("callSid") String callSid, MultivaluedMap<String, String> form,
            @Context UriInfo uri) {
        Optional<SimulatedTwilioCall> call = calls.get(callSid);
        if (call.isEmpty()) {
            return TwilioErrors.notFound(resourcePath(uri));
        }
        String status = form == null ? null : form.getFirst("Status");
        boolean redirect = form != null && (form.containsKey("Url") || form.containsKey("Twiml"));
        if (status == null && redirect) {
            return redirect(call.get(), form);
        }
        if (!List.of("completed", "canceled").contains(status)) {
            return TwilioErrors.badRequest(21200, "Invalid value for Status: use completed or canceled.");
        }
        calls.hangUp(call.get(), status);
        return Response.ok(call.get().toJson()).build();
    }

    /**
     * Redirects an in-progress call to new TwiML: {@code Url} (fetched like a created call's,
     * and winning over {@code Twiml}, as on create) or inline {@code Twiml}, read like a
     * webhook's answer. A call not in progress is refused with code 21220.
     */
    private Response redirect(SimulatedTwilioCall call, MultivaluedMap<String, String> form) {
        String url = form.getFirst("Url");
        TwimlReader.Instructions instructions = null;
        if (url != null && !TwilioCallRequests.isHttpUrl(url)) {
            return TwilioErrors.badRequest(21205, "Url is not a valid URL: " + url);
        }
        if (url == null) {
            instructions = TwimlReader.redirect(Optional.ofNullable(form.getFirst("Twiml")).orElse(""));
            if (instructions.error() != null) {
                return TwilioErrors.badRequest(21200, instructions.error());
            }
        }
        return calls.redirect(call, instructions, url) ? Response.ok(call.toJson()).build()
                : TwilioErrors.badRequest(21220, "Call is not in-progress. Cannot redirect.");
    }

    /**
     * What the callee of a call created through {@code Calls.json} heard (the sandbox's own
     * resource, like {@code IncomingCalls/{sid}.json} for inbound calls).
     */
    @GET
    @Path("/OutgoingCalls/{callSid}.json")
    public Response heardOutbound(@PathParam("callSid") String callSid, @Context UriInfo uri) {
        return calls.get(callSid).filter(call -> call.incoming() == null)
                .map(call -> Response.ok(call.hearing().toJson(call)).build())
                .orElseGet(() -> TwilioErrors.notFound(resourcePath(uri)));
    }

    /** The path as Twilio names it in 404 messages (without the sandbox prefix). */
    private static String resourcePath(UriInfo uri) {
        return uri.getPath().substring("/sandbox/twilio".length());
    }
}
