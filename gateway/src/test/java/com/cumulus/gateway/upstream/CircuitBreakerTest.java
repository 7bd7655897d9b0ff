package com.cumulus.gateway.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        CircuitBreaker breaker = new CircuitBreaker(3, Long.MAX_VALUE / 4);
        breaker.failure();
        breaker.failure();
        breaker.success();
        breaker.failure();
        breaker.failure();
        assertThat(breaker.allow()).isTrue();
        breaker.failure();
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.allow()).isFalse();
        assertThat(breaker.retryAfterSeconds()).isPositive();
    }

    @Test
    void afterTheOpenPeriodOneTrialDecides() {
        CircuitBreaker breaker = new CircuitBreaker(1, 0);
        breaker.failure();
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).as("only one trial at a time").isFalse();
        breaker.failure();
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.allow()).isTrue();
        breaker.success();
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).isTrue();
    }
}
