package com.cumulus.gateway.edge;

import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.server.ClientRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The caller's address. {@code X-Forwarded-For} is believed only when the connection comes from a configured
 * trusted proxy (a load balancer or ingress in front of the gateway); then the right-most address that is not a
 * trusted proxy is the client. Anyone else could write any address into that header.
 */
@Singleton
public class ClientAddress {

    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            byte[] address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + text);
            }
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + text);
            }
            return new Cidr(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address == null || address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> trusted;

    @Inject
    public ClientAddress(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
    }

    /** The client's address, for rate limits of anonymous callers, the access log and upstream headers. */
    public String of(ClientRequest request) {
        if (trusted.isEmpty()) {
            return request.peerAddress();
        }
        return resolve(request.peerAddress(), request.header("X-Forwarded-For"));
    }

    String resolve(String peer, String forwarded) {
        if (peer == null) {
            return "unknown";
        }
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (literal(hop) == null) {
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** The {@code X-Forwarded-For} value to send upstream: the trusted chain, if any, plus the peer. */
    public String forwardedFor(ClientRequest request) {
        String peer = request.peerAddress();
        if (trusted.isEmpty()) {
            return peer;
        }
        String forwarded = request.header("X-Forwarded-For");
        return forwarded != null && !trusted.isEmpty() && isTrusted(peer) ? forwarded + ", " + peer : peer;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        for (Cidr cidr : trusted) {
            if (cidr.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IPv4/IPv6 literal, or null; never a DNS lookup. */
    static byte[] literal(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
