package dev.callbridge.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.callbridge.config.TwilioConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client the Twilio SDK uses inside Callbridge. Compared with the SDK's default it
 * <ul>
 * <li>sends requests to {@code twilio.base-url} instead of {@code https://api.twilio.com}
 * (a local simulator or WireMock). The host is rewritten on the final Apache request,
 * after the SDK has built its URL, because the SDK's region/edge logic mangles any other
 * host put into a {@link Request};</li>
 * <li>never repeats a request: the SDK's {@code reliableRequest} retries any 5xx up to three
 * times and Apache's retry strategy repeats 429/503, each of which could dial the callee
 * again. Callbridge decides about retries itself;</li>
 * <li>has a configurable pool size and timeouts, which the SDK hard-codes.</li>
 * </ul>
 * The status and {@code Retry-After} of the last answer on the current thread are kept so
 * error translation can use them even when Twilio's body cannot be parsed; this works
 * because the SDK is synchronous and runs each request on the calling thread.
 */
final class TwilioHttpClient extends NetworkHttpClient implements AutoCloseable {

    /** What the last answer on this thread looked like, or null when none arrived. */
    record LastAnswer(int status, String retryAfter) {
    }

    private static final ThreadLocal<LastAnswer> LAST = new ThreadLocal<>();
    /** The timeout of the operation running on this thread; caps the response timeout of its requests. */
    private static final ThreadLocal<java.time.Duration> RESPONSE_TIMEOUT_CAP = new ThreadLocal<>();

    TwilioHttpClient(TwilioConfig config) {
        super(new RebasingBuilder(config));
    }

    /** Sends the request exactly once, whatever Twilio answers. */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    /** Sends the request exactly once; the retry settings the SDK passes are ignored on purpose. */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        LAST.remove();
        Response response = super.makeRequest(request);
        LAST.set(new LastAnswer(response.getStatusCode(), header(response.getHeaders(), "Retry-After")));
        return response;
    }

    /**
     * Runs {@code work} (SDK calls) with every request's response timeout capped at
     * {@code cap}, so a blocked thread is freed when the operation's own timeout passes.
     */
    static <T> T withResponseTimeout(java.time.Duration cap, java.util.function.Supplier<T> work) {
        RESPONSE_TIMEOUT_CAP.set(cap);
        try {
            return work.get();
        } finally {
            RESPONSE_TIMEOUT_CAP.remove();
        }
    }

    /** The last answer received on the calling thread, or null (no answer, e.g. a timeout). */
    static LastAnswer lastAnswer() {
        return LAST.get();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static String header(Header[] headers, String name) {
        if (headers != null) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
        }
        return null;
    }

    /** Builds the pooled Apache client and wraps it in {@link Rebasing}. */
    private static final class RebasingBuilder extends HttpClientBuilder {

        private final TwilioConfig config;

        RebasingBuilder(TwilioConfig config) {
            this.config = config;
            setConnectionManager(pool(config));
            disableAutomaticRetries();
        }

        @Override
        public CloseableHttpClient build() {
            RequestConfig timeouts = RequestConfig.custom()
                    .setConnectionRequestTimeout(timeout(config.poolTimeout()))
                    .setResponseTimeout(timeout(config.readTimeout()))
                    .build();
            return new Rebasing(super.build(), URI.create(stripSlash(config.baseUrl())), timeouts);
        }

        private static PoolingHttpClientConnectionManager pool(TwilioConfig config) {
            int size = Math.max(1, config.maxConnections());
            return PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(size)
                    // Every request goes to one host, so one route may use the whole pool.
                    .setMaxConnPerRoute(size)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(timeout(config.connectTimeout()))
                            .setSocketTimeout(timeout(config.readTimeout()))
                            .build())
                    .build();
        }

        private static Timeout timeout(java.time.Duration d) {
            return Timeout.ofMilliseconds(d.toMillis());
        }

        private static String stripSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }

    /**
     * Rewrites {@code https://api.twilio.com/...} to the configured base URL (keeping any path
     * prefix of it) and applies Callbridge's timeouts, replacing the SDK's fixed request config.
     */
    private static final class Rebasing extends CloseableHttpClient {

        private static final String TWILIO_HOST_SUFFIX = ".twilio.com";

        private final CloseableHttpClient delegate;
        private final URI base;
        private final RequestConfig timeouts;

        Rebasing(CloseableHttpClient delegate, URI base, RequestConfig timeouts) {
            this.delegate = delegate;
            this.base = base;
            this.timeouts = timeouts;
        }

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
                throws IOException {
            try {
                request.setUri(rebased(request.getUri()));
            } catch (URISyntaxException e) {
                throw new IOException("Unusable Twilio URL", e);
            }
            if (request instanceof HttpUriRequestBase configurable) {
                configurable.setConfig(capped(timeouts));
            }
            return delegate.execute(request, context);
        }

        private static RequestConfig capped(RequestConfig config) {
            java.time.Duration cap = RESPONSE_TIMEOUT_CAP.get();
            Timeout configured = config.getResponseTimeout();
            if (cap == null || (configured != null && configured.toMilliseconds() <= cap.toMillis())) {
                return config;
            }
            return RequestConfig.copy(config).setResponseTimeout(Timeout.ofMilliseconds(cap.toMillis())).build();
        }

        private URI rebased(URI original) throws URISyntaxException {
            String host = original.getHost();
            if (host == null || !host.endsWith(TWILIO_HOST_SUFFIX) || isTwilio(base)) {
                return original;
            }
            String basePath = base.getRawPath() == null ? "" : base.getRawPath();
            String query = original.getRawQuery() == null ? "" : "?" + original.getRawQuery();
            return new URI(base.getScheme() + "://" + base.getRawAuthority() + basePath
                    + original.getRawPath() + query);
        }

        private static boolean isTwilio(URI uri) {
            return uri.getHost() != null && uri.getHost().endsWith(TWILIO_HOST_SUFFIX);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public void close(CloseMode mode) {
            delegate.close(mode);
        }
    }
}
