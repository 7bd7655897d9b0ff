package com.cumulus.gateway.edge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    @Test
    void cidrsMatchByPrefix() {
        ClientAddress.Cidr net = ClientAddress.Cidr.parse("10.1.0.0/16");
        assertThat(net.contains(ClientAddress.literal("10.1.200.3"))).isTrue();
        assertThat(net.contains(ClientAddress.literal("10.2.0.1"))).isFalse();
        assertThat(ClientAddress.Cidr.parse("192.168.1.7").contains(ClientAddress.literal("192.168.1.7"))).isTrue();
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/9").contains(ClientAddress.literal("10.127.1.1"))).isTrue();
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/9").contains(ClientAddress.literal("10.128.1.1"))).isFalse();
        assertThat(ClientAddress.Cidr.parse("fd00::/8").contains(ClientAddress.literal("fd12::1"))).isTrue();
        assertThat(ClientAddress.Cidr.parse("fd00::/8").contains(ClientAddress.literal("10.0.0.1"))).isFalse();
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        ClientAddress none = new ClientAddress(java.util.List.of());
        assertThat(none.resolve("10.0.0.5", "203.0.113.9")).isEqualTo("10.0.0.5");

        ClientAddress behindIngress = new ClientAddress(java.util.List.of("10.0.0.0/8"));
        assertThat(behindIngress.resolve("10.0.0.5", "203.0.113.9")).isEqualTo("203.0.113.9");
        // a client writing its own X-Forwarded-For only adds hops to the left of the one the ingress appended
        assertThat(behindIngress.resolve("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.7")).isEqualTo("203.0.113.9");
        assertThat(behindIngress.resolve("198.51.100.1", "1.2.3.4")).isEqualTo("198.51.100.1");
        assertThat(behindIngress.resolve("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(behindIngress.resolve("10.0.0.5", "not-an-ip")).isEqualTo("10.0.0.5");
        assertThat(behindIngress.resolve(null, "203.0.113.9")).isEqualTo("unknown");
    }

    @Test
    void namesAndGarbageAreNeverLookedUp() {
        assertThat(ClientAddress.literal("evil.example")).isNull();
        assertThat(ClientAddress.literal("")).isNull();
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
