package dev.callbridge.subscription;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs events may be sent to. Unless private targets are allowed, a target must be https
 * and every address its host resolves to must be public: not loopback, link-local (where cloud
 * metadata services answer), private, carrier-grade NAT, unique-local, any-local or multicast.
 * Otherwise a subscription would let an API key make Callbridge send requests into its own
 * network. Checked when a subscription is created and again before each attempt, since DNS
 * answers can change; the attempt then connects to the address that was checked.
 */
public final class WebhookTargets {

    private final boolean allowPrivate;
    private final int maxUrlLength;

    /** A guard; {@code allowPrivate} lifts the address and https rules. */
    public WebhookTargets(boolean allowPrivate, int maxUrlLength) {
        this.allowPrivate = allowPrivate;
        this.maxUrlLength = maxUrlLength;
    }

    /** Why a URL cannot be a target by its form alone, or empty when its form is fine. */
    public Optional<String> formProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > maxUrlLength) {
            return Optional.of("must be at most " + maxUrlLength + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment");
        }
        if (!allowPrivate && !scheme.equals("https")) {
            return Optional.of("must use https");
        }
        return Optional.empty();
    }

    /** The host of a URL whose form is fine, without IPv6 brackets. */
    public static String host(String url) {
        String host = URI.create(url).getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The addresses the URL's host resolves to, after checking each (blocking: DNS). Throws
     * {@link RefusedTarget} when the host does not resolve or an address is not allowed.
     */
    public List<InetAddress> resolve(String url) {
        String host = host(url);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("The host '" + host + "' does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address)) {
                throw new RefusedTarget("The host '" + host + "' resolves to " + address.getHostAddress()
                        + ", a " + addressClass(address) + " address; only public addresses are allowed.");
            }
        }
        return List.of(addresses);
    }

    /** Whether an address is reachable on the public internet, by its class. */
    public static boolean isPublic(InetAddress address) {
        return addressClass(address) == null;
    }

    /** The non-public class an address belongs to, or {@code null} for a public one. */
    static String addressClass(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "any-local";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address v4) {
            return ipv4Class(v4.getAddress());
        }
        return ipv6Class((Inet6Address) address);
    }

    private static String ipv4Class(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
            return "private";
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return "carrier-grade NAT";
        }
        if (first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)) {
            return "reserved";
        }
        return null;
    }

    private static String ipv6Class(Inet6Address address) {
        byte[] b = address.getAddress();
        if ((b[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "site-local";
        }
        // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 one.
        if (isPrefix(b, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff})
                || isPrefix(b, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
            try {
                String v4 = addressClass(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                return v4 == null ? null : v4 + " (IPv4 in IPv6)";
            } catch (UnknownHostException e) {
                return "reserved";
            }
        }
        return null;
    }

    private static boolean isPrefix(byte[] address, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A target that may not be sent to; the message names the host and why, never the full URL. */
    public static final class RefusedTarget extends RuntimeException {
        RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }
}
