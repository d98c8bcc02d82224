package dev.callbridge.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who speaks first when a placed call connects, passed to Ultravox as the call's
 * {@code firstSpeakerSettings} (overriding the agent's): exactly one of {@code agent} and
 * {@code user}. Checked by {@link CallRules} before anything is created.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "FirstSpeakerSettings", description = "Who speaks first when the callee answers, overriding the "
        + "agent's setting: exactly one of `agent` (the agent greets: best for disclosures) or `user` (the agent "
        + "waits for the callee's hello, with an optional fallback greeting: Ultravox's advice for outbound calls).")
public record FirstSpeakerSettings(
        @Schema(description = "The agent speaks first") AgentFirst agent,
        @Schema(description = "The callee speaks first") UserFirst user) {

    /** The agent opens: with fixed words ({@code text}), words it generates ({@code prompt}), or its own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AgentFirst", description = "The agent opens the call: with `text` as said, with words generated "
            + "from `prompt`, or with its own words when neither is set (not both).")
    public record AgentFirst(
            @Schema(description = "Whether the callee cannot interrupt the greeting") Boolean uninterruptible,
            @Schema(description = "The exact words, at most 1000 characters", examples = "Hello, this is Maya from "
                    + "Example Dental. This call is recorded.") String text,
            @Schema(description = "What the agent should say, at most 4000 characters") String prompt,
            @Schema(description = "How long the agent waits before speaking, seconds with an `s`, at most 60s",
                    examples = "0.5s") String delay) {
    }

    /** The callee opens; the agent speaks after {@code fallback}'s delay if they stay silent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "UserFirst", description = "The agent waits for the callee to speak; with `fallback`, it "
            + "speaks after the delay if the callee stays silent.")
    public record UserFirst(@Schema(description = "What the agent does if the callee stays silent") Fallback fallback) {
    }

    /** The agent's greeting when the callee stays silent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "UserFirstFallback", description = "The agent's greeting when the callee stays silent: `text` "
            + "or `prompt` (not both), after `delay`.")
    public record Fallback(
            @Schema(description = "How long to wait for the callee, seconds with an `s`, at most 60s",
                    examples = "5s") String delay,
            @Schema(description = "The exact words, at most 1000 characters") String text,
            @Schema(description = "What the agent should say, at most 4000 characters") String prompt) {
    }
}
