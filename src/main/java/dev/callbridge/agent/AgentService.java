package dev.callbridge.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.Validation;
import dev.callbridge.ultravox.UltravoxAgentWrite;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.ultravox.UltravoxPage;
import dev.callbridge.ultravox.UltravoxAgent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Agent management: validates requests locally, then delegates to Ultravox.
 */
@ApplicationScoped
public class AgentService {

    /** Largest page size accepted from clients. */
    static final int MAX_PAGE_SIZE = 200;

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final UltravoxClient ultravox;
    private final Validator validator;
    private final AgentMetrics metrics;

    AgentService(UltravoxClient ultravox, Validator validator, AgentMetrics metrics) {
        this.ultravox = ultravox;
        this.validator = validator;
        this.metrics = metrics;
    }

    /** Creates an agent after checking name and call template. */
    public Uni<Agent> create(CreateAgentRequest request) {
        return metrics.counted("create", Uni.createFrom().item(() -> validated(request))
                .flatMap(r -> ultravox.createAgent(new UltravoxAgentWrite(r.name(), AgentRules.writable(r.callTemplate()))))
                .map(Agent::from));
    }

    /** One page of agents, following Ultravox's cursor. */
    public Uni<AgentPage> list(String cursor, String pageSize) {
        return metrics.counted("list", Uni.createFrom().item(() -> parsePageSize(pageSize))
                .flatMap(size -> ultravox.listAgents(blankToNull(cursor), size)).map(AgentService::page));
    }

    /** One agent by id. */
    public Uni<Agent> get(String agentId) {
        return metrics.counted("get",
                Uni.createFrom().item(() -> checkedId(agentId)).flatMap(ultravox::getAgent).map(Agent::from));
    }

    /**
     * Updates the name and/or merges changes into the call template. The template is read,
     * merged and written back whole, with an explicit null for each field the merge removed,
     * so the result does not depend on how Ultravox treats fields left out of a PATCH. Every
     * violation, of the name and of the merged template, is reported in one answer.
     */
    public Uni<Agent> update(String agentId, UpdateAgentRequest request) {
        return metrics.counted("update", Uni.createFrom().item(() -> nameErrors(agentId, request))
                .flatMap(nameErrors -> request.callTemplate() == null
                        ? renamed(agentId, request, nameErrors)
                        : ultravox.getAgent(agentId).flatMap(current -> patchMerged(current, request, nameErrors)))
                .map(Agent::from));
    }

    /** Deletes an agent. */
    public Uni<Void> delete(String agentId) {
        return metrics.counted("delete",
                Uni.createFrom().item(() -> checkedId(agentId)).flatMap(ultravox::deleteAgent));
    }

    private Uni<UltravoxAgent> renamed(String agentId, UpdateAgentRequest request, List<FieldError> nameErrors) {
        throwIfAny(nameErrors);
        return ultravox.patchAgent(agentId, new UltravoxAgentWrite(request.name(), null));
    }

    private Uni<UltravoxAgent> patchMerged(UltravoxAgent current, UpdateAgentRequest request,
            List<FieldError> nameErrors) {
        ObjectNode before = current.callTemplate() == null
                ? request.callTemplate().objectNode() : AgentRules.writable(current.callTemplate());
        ObjectNode merged = AgentRules.writable(MergePatch.apply(before, request.callTemplate()));
        List<FieldError> errors = new ArrayList<>(nameErrors);
        errors.addAll(AgentRules.checkTemplate(merged));
        throwIfAny(errors);
        return ultravox.patchAgent(current.agentId(),
                new UltravoxAgentWrite(request.name(), MergePatch.withRemovals(before, merged)));
    }

    private CreateAgentRequest validated(CreateAgentRequest request) {
        if (request == null) {
            throw ApiProblemException.validation(List.of(new FieldError("body", "a JSON object is required")));
        }
        List<FieldError> errors = new ArrayList<>(Validation.check(validator, request));
        if (request.callTemplate() != null) {
            errors.addAll(AgentRules.checkTemplate(request.callTemplate()));
        }
        throwIfAny(errors);
        return request;
    }

    /** Problems of the request that need no current template; an unusable request fails at once. */
    private List<FieldError> nameErrors(String agentId, UpdateAgentRequest request) {
        checkedId(agentId);
        if (request == null || (request.name() == null && request.callTemplate() == null)) {
            throw ApiProblemException.validation(List.of(
                    new FieldError("body", "send at least one of 'name' or 'callTemplate'")));
        }
        return Validation.check(validator, request);
    }

    static String checkedId(String agentId) {
        if (agentId == null || !UUID.matcher(agentId).matches()) {
            throw ApiProblemException.validation(List.of(new FieldError("agentId", "must be a UUID")));
        }
        return agentId;
    }

    private static Integer parsePageSize(String pageSize) {
        if (pageSize == null || pageSize.isBlank()) {
            return null;
        }
        try {
            int size = Integer.parseInt(pageSize.trim());
            if (size >= 1 && size <= MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiProblemException.validation(List.of(
                new FieldError("pageSize", "must be an integer between 1 and " + MAX_PAGE_SIZE)));
    }

    private static AgentPage page(UltravoxPage<UltravoxAgent> page) {
        List<Agent> results = page.results() == null ? List.of() : page.results().stream().map(Agent::from).toList();
        return new AgentPage(results, cursorOf(page.next()), cursorOf(page.previous()), page.total());
    }

    /** The {@code cursor} query parameter of an Ultravox page URL, or null. */
    static String cursorOf(String pageUrl) {
        if (pageUrl == null || pageUrl.isBlank()) {
            return null;
        }
        String query = URI.create(pageUrl).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("cursor")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation(errors);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
