package org.ser4j.server.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How API keys are hashed for the {@code api_keys.key_hash} column: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
 * (PBKDF2WithHmacSHA256 from the JDK, a random 16-byte salt per key, a 32-byte hash, Base64 without padding), or
 * {@code sha256$HEX} for keys made before version 4 of the schema, which are rehashed on their first use. The
 * iteration count is part of each hash, so raising {@link #ITERATIONS} later leaves existing hashes valid.
 */
final class KeyHashes {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256: about 0.3 s of one core per hash here. */
    static final int ITERATIONS = 600_000;
    static final String PBKDF2 = "pbkdf2-sha256";
    static final String LEGACY_SHA256 = "sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private KeyHashes() {
    }

    /** A new salted PBKDF2 hash of {@code key}. */
    static String pbkdf2(String key) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return PBKDF2 + "$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(pbkdf2(key, salt, ITERATIONS));
    }

    /** The hash a key made before schema version 4 was stored with. */
    static String legacySha256(String key) {
        return LEGACY_SHA256 + "$" + HexFormat.of().formatHex(sha256(key));
    }

    static boolean isLegacy(String stored) {
        return stored.startsWith(LEGACY_SHA256 + "$");
    }

    /** True if {@code key} hashes to {@code stored} (either format), compared in constant time. */
    static boolean matches(String stored, String key) {
        String[] parts = stored.split("\\$");
        try {
            if (parts.length == 2 && parts[0].equals(LEGACY_SHA256)) {
                return MessageDigest.isEqual(HexFormat.of().parseHex(parts[1]), sha256(key));
            }
            if (parts.length == 4 && parts[0].equals(PBKDF2)) {
                byte[] expected = Base64.getDecoder().decode(parts[3]);
                byte[] actual = pbkdf2(key, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
                return MessageDigest.isEqual(expected, actual);
            }
        } catch (IllegalArgumentException e) {
            // a damaged row matches no key
        }
        return false;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static byte[] pbkdf2(String key, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(key.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
