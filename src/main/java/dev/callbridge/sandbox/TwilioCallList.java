package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Twilio's list envelope for one page of calls: {@code calls}, {@code page}, {@code page_size},
 * {@code start}, {@code end} and the page URIs, relative to the API host like every Twilio URI
 * (the SDK puts {@code https://api.twilio.com} in front). The next and previous URIs repeat the
 * filters and carry a {@code PageToken}; they are null at either end of the list.
 */
final class TwilioCallList {

    private TwilioCallList() {
    }

    static ObjectNode envelope(String accountSid, TwilioCallQuery query, SequencePage<SimulatedTwilioCall> page) {
        String base = "/2010-04-01/Accounts/" + accountSid + "/Calls.json?" + filters(query)
                + "PageSize=" + query.pageSize() + "&Page=";
        long start = query.start();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        var calls = json.putArray("calls");
        page.results().forEach(call -> calls.add(call.toJson()));
        json.put("page", query.page());
        json.put("page_size", query.pageSize());
        json.put("start", start);
        json.put("end", Math.max(start, start + page.results().size() - 1));
        json.put("uri", base + query.page() + (query.token() == null ? "" : token(query.token())));
        json.put("first_page_uri", base + 0);
        json.put("next_page_uri", page.next() == null ? null : base + (query.page() + 1) + token(page.next()));
        json.put("previous_page_uri", page.previous() == null ? null
                : base + Math.max(0, query.page() - 1) + token(page.previous()));
        return json;
    }

    /** The query's filters as {@code name=value&} pairs, form-encoded ({@code StartTime%3E=…}, {@code %2B1…}). */
    private static String filters(TwilioCallQuery query) {
        return query.filters().entrySet().stream()
                .map(f -> encode(f.getKey()) + "=" + encode(f.getValue()) + "&")
                .collect(Collectors.joining());
    }

    private static String token(ListCursor cursor) {
        return "&PageToken=" + TwilioPageTokens.encode(cursor);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
