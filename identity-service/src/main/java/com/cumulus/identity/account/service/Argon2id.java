package com.cumulus.identity.account.service;

import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id, version 0x13 (RFC 9106), one lane, filling a flat {@code long[]} that is kept and reused for the next
 * hash instead of allocating {@code m} KiB of block objects per hash (BouncyCastle's generator allocates 19,456
 * {@code Block}s for m = 19 MiB on every call: with a small heap they are promoted and full collections follow).
 * At most {@code keep} buffers are kept (one per hashing thread).
 * Blake2b (for H0, H' and the tag) is BouncyCastle's. Equality with BouncyCastle's Argon2 is tested
 * ({@code Argon2idTest}).
 */
public final class Argon2id {

    private static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    private static final int TYPE_ID = 2;
    private static final int VERSION = 0x13;

    private final ConcurrentLinkedDeque<long[]> buffers = new ConcurrentLinkedDeque<>();
    private final AtomicInteger kept = new AtomicInteger();
    private final int keep;

    public Argon2id(int keep) {
        this.keep = keep;
    }

    /** The {@code length}-byte tag of {@code password} (one lane, version 0x13). */
    public byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int length) {
        if (iterations < 1 || length < 4 || salt.length < 8) {
            throw new IllegalArgumentException("invalid Argon2 parameters");
        }
        int blocks = Math.max(memoryKib, 2 * SYNC_POINTS) / SYNC_POINTS * SYNC_POINTS;
        long[] memory = take(blocks * BLOCK_LONGS);
        try {
            return fill(memory, blocks, password, salt, memoryKib, iterations, length);
        } finally {
            if (iterations == 1) {
                // after one pass the first blocks are cheap functions of the password: never keep them around.
                // From two passes on the last pass has overwritten every block with memory-hard values.
                Arrays.fill(memory, 0, blocks * BLOCK_LONGS, 0L);
            }
            give(memory);
        }
    }

    private long[] take(int longs) {
        long[] buffer = buffers.pollFirst();
        if (buffer != null) {
            kept.decrementAndGet();
            if (buffer.length >= longs) {
                return buffer;
            }
        }
        return new long[longs];
    }

    private void give(long[] buffer) {
        if (kept.incrementAndGet() <= keep) {
            buffers.offerFirst(buffer);
        } else {
            kept.decrementAndGet();
        }
    }

    private static byte[] fill(long[] mem, int blocks, byte[] password, byte[] salt, int memoryKib, int iterations,
                               int length) {
        // H0 and the first two blocks
        Blake2bDigest h0Digest = new Blake2bDigest(512);
        int[] header = {1, length, memoryKib, iterations, VERSION, TYPE_ID};
        for (int value : header) {
            update32(h0Digest, value);
        }
        update32(h0Digest, password.length);
        h0Digest.update(password, 0, password.length);
        update32(h0Digest, salt.length);
        h0Digest.update(salt, 0, salt.length);
        update32(h0Digest, 0); // secret
        update32(h0Digest, 0); // associated data
        byte[] h0 = new byte[72];
        h0Digest.doFinal(h0, 0);
        byte[] blockBytes = new byte[1024];
        for (int i = 0; i < 2; i++) {
            h0[64] = (byte) i;
            h0[65] = 0;
            h0[66] = 0;
            h0[67] = 0;
            // lane 0: bytes 68..71 stay zero
            hPrime(h0, blockBytes);
            load(blockBytes, mem, i * BLOCK_LONGS);
        }

        long[] input = new long[BLOCK_LONGS];
        long[] address = new long[BLOCK_LONGS];
        long[] r = new long[BLOCK_LONGS];
        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                int start = pass == 0 && slice == 0 ? 2 : 0;
                if (pass == 0 && slice < SYNC_POINTS / 2) {
                    fillIndependentSegment(mem, blocks, iterations, slice, start, input, address, r);
                } else {
                    fillDependentSegment(mem, blocks, pass, slice, start, r);
                }
            }
        }

        // the last block of the (only) lane is the final block
        byte[] last = new byte[1024];
        store(mem, (blocks - 1) * BLOCK_LONGS, last);
        byte[] out = new byte[length];
        hPrime(last, out);
        Arrays.fill(last, (byte) 0);
        Arrays.fill(blockBytes, (byte) 0);
        Arrays.fill(h0, (byte) 0);
        return out;
    }

    /** RFC 9106 3.4.1.1/3.4.1.2 for one lane (the reference block is always in the current lane). */
    private static int referenceIndex(int pass, int slice, int index, int segmentLength, int laneLength, long j1) {
        long area;
        if (pass == 0) {
            area = slice == 0 ? index - 1 : (long) slice * segmentLength + index - 1;
        } else {
            area = laneLength - segmentLength + index - 1;
        }
        long relative = (j1 * j1) >>> 32;
        relative = area - 1 - ((area * relative) >>> 32);
        long startPosition = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segmentLength : 0;
        return (int) ((startPosition + relative) % laneLength);
    }

    /**
     * The data-independent segments (the first half of the first pass): reference indexes come from address blocks.
     * A method apart from {@link #fillDependentSegment}, which does almost all of the work, so that the JIT compiles
     * each from a profile of its own (one loop with both kinds of segment compiled differently from JVM to JVM).
     */
    private static void fillIndependentSegment(long[] mem, int blocks, int iterations, int slice, int start,
                                               long[] input, long[] address, long[] r) {
        int segmentLength = blocks / SYNC_POINTS;
        Arrays.fill(input, 0L); // input[0] (pass) and input[1] (lane) stay 0
        input[2] = slice;
        input[3] = blocks;
        input[4] = iterations;
        input[5] = TYPE_ID;
        if (start != 0) {
            nextAddresses(input, address, r);
        }
        for (int i = start, current = slice * segmentLength + start; i < segmentLength; i++, current++) {
            int previous = current == 0 ? blocks - 1 : current - 1;
            if (i % BLOCK_LONGS == 0) {
                nextAddresses(input, address, r);
            }
            int reference = referenceIndex(0, slice, i, segmentLength, blocks, address[i % BLOCK_LONGS] & 0xFFFFFFFFL);
            compress(mem, previous * BLOCK_LONGS, reference * BLOCK_LONGS, current * BLOCK_LONGS, r);
        }
    }

    /** A data-dependent segment: each reference index comes from the previous block's first word. */
    private static void fillDependentSegment(long[] mem, int blocks, int pass, int slice, int start, long[] r) {
        int segmentLength = blocks / SYNC_POINTS;
        for (int i = start, current = slice * segmentLength + start; i < segmentLength; i++, current++) {
            int previous = current == 0 ? blocks - 1 : current - 1;
            int reference = referenceIndex(pass, slice, i, segmentLength, blocks,
                    mem[previous * BLOCK_LONGS] & 0xFFFFFFFFL);
            if (pass == 0) {
                compress(mem, previous * BLOCK_LONGS, reference * BLOCK_LONGS, current * BLOCK_LONGS, r);
            } else {
                compressXor(mem, previous * BLOCK_LONGS, reference * BLOCK_LONGS, current * BLOCK_LONGS, r);
            }
        }
    }

    /** The next address block: address = G(0, G(0, input)) after the counter ({@code input[6]}) advances. */
    private static void nextAddresses(long[] input, long[] address, long[] r) {
        input[6]++;
        compressWithZero(input, address, r);
        compressWithZero(address, address, r);
    }

    /** out = G(0, in) = in ^ P(in); {@code out} may be {@code in}. */
    private static void compressWithZero(long[] in, long[] out, long[] r) {
        System.arraycopy(in, 0, r, 0, BLOCK_LONGS);
        permute(r);
        for (int i = 0; i < BLOCK_LONGS; i++) {
            out[i] = in[i] ^ r[i];
        }
    }

    /** mem[next] = G(mem[prev], mem[ref]) (first pass): R = prev ^ ref, next = R ^ P(R). */
    private static void compress(long[] mem, int prev, int ref, int next, long[] r) {
        for (int i = 0; i < BLOCK_LONGS; i++) {
            long v = mem[prev + i] ^ mem[ref + i];
            r[i] = v;
            mem[next + i] = v;
        }
        permute(r);
        for (int i = 0; i < BLOCK_LONGS; i++) {
            mem[next + i] ^= r[i];
        }
    }

    /** mem[next] ^= G(mem[prev], mem[ref]) (later passes, version 0x13). */
    private static void compressXor(long[] mem, int prev, int ref, int next, long[] r) {
        for (int i = 0; i < BLOCK_LONGS; i++) {
            long v = mem[prev + i] ^ mem[ref + i];
            r[i] = v;
            mem[next + i] ^= v;
        }
        permute(r);
        for (int i = 0; i < BLOCK_LONGS; i++) {
            mem[next + i] ^= r[i];
        }
    }

    /** P over the 1 KiB block in {@code r}: the Blake2b round on its eight rows, then on its eight columns. */
    private static void permute(long[] r) {
        for (int b = 0; b < BLOCK_LONGS; b += 16) {
            rowRound(r, b);
        }
        for (int b = 0; b < 16; b += 2) {
            columnRound(r, b);
        }
    }

    /**
     * One Blake2b round without message on the row of 16 words at {@code b}, in locals. Constant offsets from one base
     * index let C2 replace the 16 range checks by one.
     */
    private static void rowRound(long[] v, int b) {
        long v0 = v[b], v1 = v[b + 1], v2 = v[b + 2], v3 = v[b + 3];
        long v4 = v[b + 4], v5 = v[b + 5], v6 = v[b + 6], v7 = v[b + 7];
        long v8 = v[b + 8], v9 = v[b + 9], v10 = v[b + 10], v11 = v[b + 11];
        long v12 = v[b + 12], v13 = v[b + 13], v14 = v[b + 14];
        long v15 = v[b + 15];
        // g(v0, v4, v8, v12)
        v0 = f(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32); v8 = f(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = f(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16); v8 = f(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        // g(v1, v5, v9, v13)
        v1 = f(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32); v9 = f(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = f(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16); v9 = f(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        // g(v2, v6, v10, v14)
        v2 = f(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32); v10 = f(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = f(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16); v10 = f(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        // g(v3, v7, v11, v15)
        v3 = f(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32); v11 = f(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = f(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16); v11 = f(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        // g(v0, v5, v10, v15)
        v0 = f(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32); v10 = f(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = f(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16); v10 = f(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        // g(v1, v6, v11, v12)
        v1 = f(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32); v11 = f(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = f(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16); v11 = f(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        // g(v2, v7, v8, v13)
        v2 = f(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32); v8 = f(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = f(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16); v8 = f(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        // g(v3, v4, v9, v14)
        v3 = f(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32); v9 = f(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = f(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16); v9 = f(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);
        v[b] = v0; v[b + 1] = v1; v[b + 2] = v2; v[b + 3] = v3;
        v[b + 4] = v4; v[b + 5] = v5; v[b + 6] = v6; v[b + 7] = v7;
        v[b + 8] = v8; v[b + 9] = v9; v[b + 10] = v10; v[b + 11] = v11;
        v[b + 12] = v12; v[b + 13] = v13; v[b + 14] = v14; v[b + 15] = v15;
    }

    /** The same round on the column of word pairs b, b + 1, b + 16, ..., b + 113. */
    private static void columnRound(long[] v, int b) {
        long v0 = v[b], v1 = v[b + 1], v2 = v[b + 16], v3 = v[b + 17];
        long v4 = v[b + 32], v5 = v[b + 33], v6 = v[b + 48], v7 = v[b + 49];
        long v8 = v[b + 64], v9 = v[b + 65], v10 = v[b + 80], v11 = v[b + 81];
        long v12 = v[b + 96], v13 = v[b + 97], v14 = v[b + 112];
        long v15 = v[b + 113];
        // g(v0, v4, v8, v12)
        v0 = f(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32); v8 = f(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = f(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16); v8 = f(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        // g(v1, v5, v9, v13)
        v1 = f(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32); v9 = f(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = f(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16); v9 = f(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        // g(v2, v6, v10, v14)
        v2 = f(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32); v10 = f(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = f(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16); v10 = f(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        // g(v3, v7, v11, v15)
        v3 = f(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32); v11 = f(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = f(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16); v11 = f(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        // g(v0, v5, v10, v15)
        v0 = f(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32); v10 = f(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = f(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16); v10 = f(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        // g(v1, v6, v11, v12)
        v1 = f(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32); v11 = f(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = f(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16); v11 = f(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        // g(v2, v7, v8, v13)
        v2 = f(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32); v8 = f(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = f(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16); v8 = f(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        // g(v3, v4, v9, v14)
        v3 = f(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32); v9 = f(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = f(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16); v9 = f(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);
        v[b] = v0; v[b + 1] = v1; v[b + 16] = v2; v[b + 17] = v3;
        v[b + 32] = v4; v[b + 33] = v5; v[b + 48] = v6; v[b + 49] = v7;
        v[b + 64] = v8; v[b + 65] = v9; v[b + 80] = v10; v[b + 81] = v11;
        v[b + 96] = v12; v[b + 97] = v13; v[b + 112] = v14; v[b + 113] = v15;
    }

    /** BlaMka: x + y + 2 * lo32(x) * lo32(y). */
    private static long f(long x, long y) {
        return x + y + 2 * (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
    }

    /** H' (RFC 9106 3.3): the variable-length hash of {@code in} into {@code out}. */
    private static void hPrime(byte[] in, byte[] out) {
        int length = out.length;
        if (length <= 64) {
            Blake2bDigest digest = new Blake2bDigest(length * 8);
            update32(digest, length);
            digest.update(in, 0, in.length);
            digest.doFinal(out, 0);
            return;
        }
        byte[] v = new byte[64];
        Blake2bDigest digest = new Blake2bDigest(512);
        update32(digest, length);
        digest.update(in, 0, in.length);
        digest.doFinal(v, 0);
        int written = 0;
        System.arraycopy(v, 0, out, written, 32);
        written += 32;
        int r = (length + 31) / 32 - 2;
        for (int i = 2; i <= r; i++) {
            digest.reset();
            digest.update(v, 0, 64);
            digest.doFinal(v, 0);
            System.arraycopy(v, 0, out, written, 32);
            written += 32;
        }
        int rest = length - 32 * r;
        Blake2bDigest lastDigest = new Blake2bDigest(rest * 8);
        lastDigest.update(v, 0, 64);
        byte[] last = new byte[rest];
        lastDigest.doFinal(last, 0);
        System.arraycopy(last, 0, out, written, rest);
        Arrays.fill(v, (byte) 0);
    }

    private static void update32(Blake2bDigest digest, int value) {
        digest.update((byte) value);
        digest.update((byte) (value >>> 8));
        digest.update((byte) (value >>> 16));
        digest.update((byte) (value >>> 24));
    }

    private static void load(byte[] bytes, long[] mem, int offset) {
        for (int i = 0; i < BLOCK_LONGS; i++) {
            long v = 0;
            for (int b = 7; b >= 0; b--) {
                v = (v << 8) | (bytes[8 * i + b] & 0xFFL);
            }
            mem[offset + i] = v;
        }
    }

    private static void store(long[] mem, int offset, byte[] bytes) {
        for (int i = 0; i < BLOCK_LONGS; i++) {
            long v = mem[offset + i];
            for (int b = 0; b < 8; b++) {
                bytes[8 * i + b] = (byte) (v >>> (8 * b));
            }
        }
    }
}
