package dev.callbridge.agent;

import java.util.List;

/**
 * One page of agents.
 *
 * @param next     cursor for the following page ({@code ?cursor=}), null on the last page
 * @param previous cursor for the page before, null on the first page
 * @param total    total number of agents, when Ultravox reports it
 */
public record AgentPage(List<Agent> results, String next, String previous, Integer total) {
}
