package org.reelpulse.collect;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps user-configured URLs off the inside of the network (server-side request forgery): a URL whose
 * host resolves to a loopback, link-local, private, unique-local, wildcard or multicast address is
 * refused unless {@code reelpulse.collect.allow-private-addresses} is set. Checked when a source is
 * saved and again before every request, redirects included, as a name can resolve differently later.
 */
@Component
public class SsrfGuard {

    private final boolean allowPrivate;

    @Autowired
    SsrfGuard(CollectProperties properties) {
        this(properties.allowPrivateAddresses());
    }

    SsrfGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Returns the URL when it may be fetched; otherwise throws {@link Refused} saying why. */
    public URI check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https URLs can be collected, not '" + uri + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("the URL '" + uri + "' has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new Refused("the URL must not carry a user name or password; put them in the credentials");
        }
        if (allowPrivate) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("the host '" + host + "' is unknown: check the address, and that this node can "
                    + "resolve names and reach the internet");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                throw new Refused("the host '" + host + "' resolves to the internal address " + a.getHostAddress()
                        + "; internal addresses are refused unless reelpulse.collect.allow-private-addresses=true");
            }
        }
        return uri;
    }

    /** Loopback, link-local, private (10/8, 172.16/12, 192.168/16, fc00::/7), 100.64/10, wildcard or multicast. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8 ("this network"), 100.64/10 (carrier-grade NAT), 255.255.255.255 (broadcast)
            return first == 0 || (first == 100 && second >= 64 && second < 128) || first == 255;
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique-local (the JDK's isSiteLocalAddress knows only the deprecated fec0::/10)
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            // ::ffff:a.b.c.d and the IPv4-compatible forms would let an internal IPv4 address through
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A URL that may not be fetched; the message says why. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
