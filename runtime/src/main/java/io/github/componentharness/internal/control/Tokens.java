package io.github.componentharness.internal.control;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Per-run secrets for the control port. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** 128 random bits from a {@link SecureRandom}, as 32 hex digits. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
