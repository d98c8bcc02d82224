package dev.callbridge.ultravox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Ultravox's cursor-paginated list envelope; {@code next} and {@code previous} are absolute
 * URLs that carry the cursor.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UltravoxPage<T>(String next, String previous, List<T> results, Integer total) {
}
