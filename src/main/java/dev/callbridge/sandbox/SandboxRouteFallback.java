package dev.callbridge.sandbox;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Answers paths under {@code /sandbox/ultravox/} and {@code /sandbox/twilio/} that no simulated
 * endpoint serves, with the vendor's own 404, as the real API does for an unknown URL. The
 * simulated APIs' own classes have longer literal paths, so JAX-RS prefers them wherever they
 * match; paths inside them that match no method are reshaped by {@link SandboxErrorShapes}.
 * Routing comes before authentication, as in Django, which serves Ultravox's API (Twilio's
 * order is not documented and is simulated the same way): both auth filters let these pass.
 */
@Path("/sandbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SandboxRouteFallback {

    private static final String ANY = "{vendor: ultravox|twilio}{rest: (?:/.*)?}";

    @GET
    @Path(ANY)
    public Response get(@Context UriInfo uri) {
        return notFound(uri);
    }

    @POST
    @Path(ANY)
    public Response post(@Context UriInfo uri) {
        return notFound(uri);
    }

    @PUT
    @Path(ANY)
    public Response put(@Context UriInfo uri) {
        return notFound(uri);
    }

    @PATCH
    @Path(ANY)
    public Response patch(@Context UriInfo uri) {
        return notFound(uri);
    }

    @DELETE
    @Path(ANY)
    public Response delete(@Context UriInfo uri) {
        return notFound(uri);
    }

    @HEAD
    @Path(ANY)
    public Response head(@Context UriInfo uri) {
        return notFound(uri);
    }

    @OPTIONS
    @Path(ANY)
    public Response options(@Context UriInfo uri) {
        return notFound(uri);
    }

    static boolean serves(Class<?> resourceClass) {
        return resourceClass == SandboxRouteFallback.class;
    }

    private static Response notFound(UriInfo uri) {
        String path = uri.getPath();
        return path.startsWith(TwilioSandboxAuth.PREFIX) || path.equals("/sandbox/twilio")
                ? TwilioErrors.notFound(path.substring("/sandbox/twilio".length()))
                : DrfErrors.notFound();
    }
}
