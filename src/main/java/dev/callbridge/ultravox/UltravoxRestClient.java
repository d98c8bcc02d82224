package dev.callbridge.ultravox;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * Declarative client of the Ultravox REST API. Only {@link UltravoxClient} uses it; that
 * bean owns error translation. Base URL and timeouts: {@code quarkus.rest-client.ultravox.*}.
 */
@RegisterRestClient(configKey = "ultravox")
@Path("/api")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RegisterClientHeaders(UltravoxAuthHeaders.class)
interface UltravoxRestClient {

    @POST
    @Path("/agents")
    Uni<UltravoxAgent> createAgent(UltravoxAgentWrite body);

    @GET
    @Path("/agents")
    Uni<UltravoxPage<UltravoxAgent>> listAgents(@QueryParam("cursor") String cursor,
            @QueryParam("pageSize") Integer pageSize);

    @GET
    @Path("/agents/{agentId}")
    Uni<UltravoxAgent> getAgent(@PathParam("agentId") String agentId);

    @PATCH
    @Path("/agents/{agentId}")
    Uni<UltravoxAgent> patchAgent(@PathParam("agentId") String agentId, UltravoxAgentWrite body);

    @DELETE
    @Path("/agents/{agentId}")
    Uni<Void> deleteAgent(@PathParam("agentId") String agentId);

    @POST
    @Path("/agents/{agentId}/calls")
    Uni<UltravoxCall> createAgentCall(@PathParam("agentId") String agentId, UltravoxCallRequest body);

    @GET
    @Path("/calls/{callId}")
    Uni<UltravoxCall> getCall(@PathParam("callId") String callId);

    /** Calls carrying the metadata entry {@code callbridge.placementId}, created from {@code fromDate} to {@code toDate}. */
    @GET
    @Path("/calls")
    Uni<UltravoxPage<UltravoxCall>> listCallsOfPlacement(@QueryParam("metadata.callbridge.placementId") String placementId,
            @QueryParam("fromDate") String fromDate, @QueryParam("toDate") String toDate,
            @QueryParam("pageSize") Integer pageSize);

    @DELETE
    @Path("/calls/{callId}")
    Uni<Void> deleteCall(@PathParam("callId") String callId);

    /** A data message to a live call ({@code {"type": "user_text_message", "text": ...}} and the like). */
    @POST
    @Path("/calls/{callId}/send_data_message")
    Uni<Void> sendDataMessage(@PathParam("callId") String callId, JsonNode message);

    /** Every non-2xx answer becomes an {@link UltravoxResponseException} with a bounded body. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UltravoxResponseException.of(response);
    }
}
