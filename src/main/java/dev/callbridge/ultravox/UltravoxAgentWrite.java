package dev.callbridge.ultravox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Body of Ultravox's agent create and PATCH requests; absent fields are not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UltravoxAgentWrite(String name, ObjectNode callTemplate) {
}
