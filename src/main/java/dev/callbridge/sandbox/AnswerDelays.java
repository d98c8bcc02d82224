package dev.callbridge.sandbox;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * Holds the simulated vendors' answers to call creations for {@code callbridge.sandbox.delay.*}.
 * Only a {@code 201} is held, after the call was created: refusals did nothing, so they answer at
 * once. The wait is a Mutiny timer, not a sleeping thread, so held answers cost no worker.
 */
@ApplicationScoped
@Startup
class AnswerDelays {

    private final Duration ultravoxCallCreate;
    private final Duration twilioCallCreate;

    AnswerDelays(SandboxConfig config) {
        this.ultravoxCallCreate = checked(config.delay().ultravoxCallCreate(), "ultravox-call-create");
        this.twilioCallCreate = checked(config.delay().twilioCallCreate(), "twilio-call-create");
    }

    /** The simulated Ultravox's answer to an agent-call creation, when it is due. */
    Uni<Response> ultravoxCallCreate(Response answer) {
        return held(answer, ultravoxCallCreate);
    }

    /** The simulated Twilio's answer to a call creation, when it is due. */
    Uni<Response> twilioCallCreate(Response answer) {
        return held(answer, twilioCallCreate);
    }

    private static Uni<Response> held(Response answer, Duration delay) {
        Uni<Response> now = Uni.createFrom().item(answer);
        return answer.getStatus() != 201 || delay.isZero() ? now : now.onItem().delayIt().by(delay);
    }

    /** Refuses a negative delay at startup rather than at the first call. */
    private static Duration checked(Duration delay, String name) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("callbridge.sandbox.delay." + name + " must not be negative");
        }
        return delay;
    }
}
