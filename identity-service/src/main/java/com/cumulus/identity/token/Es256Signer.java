package com.cumulus.identity.token;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;

/**
 * ES256 (ECDSA P-256, SHA-256) JWS compact serialization with BouncyCastle's P-256 arithmetic (the JDK 17 SunEC
 * signer costs about five times as much CPU per signature, and every access token is signed: the largest single
 * cost of a {@code client_credentials} grant). The nonce is derived deterministically (RFC 6979), so no entropy is
 * drawn per signature. The output is exactly what jose4j/Nimbus verify: {@code base64url(header).base64url(payload).
 * base64url(R || S)}, R and S 32 bytes each.
 */
public final class Es256Signer {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(),
            P256.getH());
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ECPrivateKeyParameters key;
    private final byte[] headerPrefix;

    /** A signer for {@code privateKey} (a P-256 key) whose tokens carry {@code kid} and {@code typ}. */
    public Es256Signer(PrivateKey privateKey, String kid, String typ) {
        if (!(privateKey instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("not a P-256 private key");
        }
        this.key = new ECPrivateKeyParameters(ec.getS(), DOMAIN);
        String header = "{\"kid\":" + JsonText.quote(kid) + ",\"typ\":" + JsonText.quote(typ) + ",\"alg\":\"ES256\"}";
        this.headerPrefix = (B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The compact JWS of {@code payloadJson}. */
    public String sign(String payloadJson) {
        byte[] payload = B64.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] signingInput = new byte[headerPrefix.length + payload.length];
        System.arraycopy(headerPrefix, 0, signingInput, 0, headerPrefix.length);
        System.arraycopy(payload, 0, signingInput, headerPrefix.length, payload.length);
        byte[] digest = sha256(signingInput);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] signature = new byte[64];
        fixed(rs[0], signature, 0);
        fixed(rs[1], signature, 32);
        byte[] sig = B64.encode(signature);
        byte[] out = new byte[signingInput.length + 1 + sig.length];
        System.arraycopy(signingInput, 0, out, 0, signingInput.length);
        out[signingInput.length] = '.';
        System.arraycopy(sig, 0, out, signingInput.length + 1, sig.length);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static void fixed(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, offset + 32 - length, length);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
