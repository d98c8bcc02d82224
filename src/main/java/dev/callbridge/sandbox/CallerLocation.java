package dev.callbridge.sandbox;

import java.util.Map;

/**
 * Where an inbound caller is, as Twilio reports it with the voice webhook and status callbacks:
 * {@code FromCity}, {@code FromState}, {@code FromZip}, {@code FromCountry}, mirrored as
 * {@code CallerCity} and so on. Each is null when unknown, and then not sent.
 */
record CallerLocation(String city, String state, String zip, String country) {

    /** Adds the known fields to {@code params} under both of Twilio's prefixes. */
    void addTo(Map<String, String> params) {
        for (String prefix : new String[] {"From", "Caller"}) {
            put(params, prefix + "City", city);
            put(params, prefix + "State", state);
            put(params, prefix + "Zip", zip);
            put(params, prefix + "Country", country);
        }
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
