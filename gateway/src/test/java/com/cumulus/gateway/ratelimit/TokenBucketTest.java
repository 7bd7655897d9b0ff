package com.cumulus.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket's arithmetic on a supplied clock (no sleeping). */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenEvenRefill() {
        TokenBucket bucket = new TokenBucket(3, 3 * SECOND, 0);
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        long wait = bucket.take(0);
        assertThat(wait).isBetween(SECOND - 1000, SECOND + 1000);
        assertThat(bucket.take(SECOND / 2)).isPositive();
        assertThat(bucket.take(SECOND + 1000)).isZero();
        assertThat(bucket.take(SECOND + 2000)).isPositive();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, SECOND, 0);
        long later = 100 * SECOND;
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isPositive();
        assertThat(bucket.idle(later, later - 1)).isFalse();
        assertThat(bucket.idle(later + 10 * SECOND, later)).isTrue();
    }
}
