package dev.callbridge.sandbox;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link SandboxProfile} with the fax and the answering machine staying on the line for
 * {@link #CALLEE_STAYS} simulated (half a minute real) instead of 3 s and 120 s (0.03 s and
 * 1.2 s real), so a test that waits for what it checks (a stream joined, a detection result) and
 * then hangs up never finds the callee gone because a busy machine was slow. A profile of its
 * own (one more Quarkus start), because other tests see these callees hang up by themselves.
 */
public class PatientCalleesProfile extends SandboxProfile {

    /** How long, in simulated time, the fax and the answering machine (after its beep) stay on the line. */
    public static final String CALLEE_STAYS = "3000s";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("callbridge.sandbox.callee.fax-hangs-up-after", CALLEE_STAYS);
        overrides.put("callbridge.sandbox.callee.machine-records-for", CALLEE_STAYS);
        return overrides;
    }
}
