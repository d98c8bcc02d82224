package dev.callbridge.sandbox;

import dev.callbridge.vendor.Vendor;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in simulator of Ultravox and Twilio (prefix {@code callbridge.sandbox}).
 */
@ConfigMapping(prefix = "callbridge.sandbox")
public interface SandboxConfig {

    /**
     * Whether the simulator answers under {@code /sandbox/**} and Callbridge's vendor clients are
     * pointed at it with fixed sandbox credentials ({@code CALLBRIDGE_SANDBOX_ENABLED}). Read at
     * startup; on in the dev profile, off otherwise.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Simulated seconds per real second ({@code CALLBRIDGE_SANDBOX_SPEED}): 1 plays a call at
     * natural pace, 100 plays a 9-second call in 90 ms.
     */
    @WithDefault("1")
    double speed();

    /**
     * Calls each simulated vendor keeps active at once before answering 429
     * ({@code CALLBRIDGE_SANDBOX_MAX_CONCURRENT_CALLS}); Ultravox's free plan allows 5.
     */
    @WithDefault("5")
    int maxConcurrentCalls();

    /**
     * Agents, and calls per vendor, held in memory ({@code CALLBRIDGE_SANDBOX_MAX_RECORDS}); the
     * oldest ended calls are forgotten first, agents beyond it are refused.
     */
    @WithDefault("1000")
    int maxRecords();

    /**
     * Vendors whose simulated authentication refuses every request with that vendor's 401, as
     * if Callbridge's credentials were wrong ({@code CALLBRIDGE_SANDBOX_REJECT_CREDENTIALS}, e.g.
     * {@code ultravox,twilio}). The sandbox owns the credentials, so this is the only way to see
     * how Callbridge reports rejected credentials without a real account. Empty by default.
     */
    Optional<Set<Vendor>> rejectCredentials();

    /**
     * How long, in real time, the simulated Twilio waits for the TwiML answer of an inbound
     * call's voice webhook before it plays its application error (Twilio error 11205), as
     * Twilio waits 15 s ({@code CALLBRIDGE_SANDBOX_VOICE_WEBHOOK_TIMEOUT}).
     */
    @WithDefault("15s")
    Duration voiceWebhookTimeout();

    /** How long the simulated vendors hold their answers. */
    Delay delay();

    /** How the magic callees behave, in simulated time (scaled by {@link #speed()}). */
    Callee callee();

    /**
     * Simulated callees that hang up by themselves. Longer values give slow receivers (a busy
     * test machine, a debugger) time to answer before the callee is gone.
     */
    interface Callee {

        /**
         * How long the fax {@code +15005550011} stays on the line after the answer before it hangs
         * up ({@code CALLBRIDGE_SANDBOX_CALLEE_FAX_HANGS_UP_AFTER}); 3 simulated seconds by default.
         */
        @WithDefault("3s")
        Duration faxHangsUpAfter();

        /**
         * How long the answering machine {@code +15005550010} records after its beep before it
         * hangs up ({@code CALLBRIDGE_SANDBOX_CALLEE_MACHINE_RECORDS_FOR}); 120 simulated seconds
         * by default.
         */
        @WithDefault("120s")
        Duration machineRecordsFor();
    }

    /**
     * Answer delays in real time (not scaled by {@link #speed()}). The call is created at once and
     * only its {@code 201} comes late, as when a vendor did the work but its answer was slow or
     * lost: a way to try Callbridge's timeouts and what it leaves behind when it gives up.
     */
    interface Delay {

        /**
         * Held before the simulated Ultravox answers a created agent call
         * ({@code CALLBRIDGE_SANDBOX_DELAY_ULTRAVOX_CALL_CREATE}, e.g. {@code 5s}); 0 by default.
         */
        @WithDefault("0s")
        Duration ultravoxCallCreate();

        /**
         * Held before the simulated Twilio answers a created call
         * ({@code CALLBRIDGE_SANDBOX_DELAY_TWILIO_CALL_CREATE}); 0 by default.
         */
        @WithDefault("0s")
        Duration twilioCallCreate();
    }
}
