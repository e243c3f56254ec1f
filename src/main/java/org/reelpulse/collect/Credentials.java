package org.reelpulse.collect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A source's credentials at rest and at run time. A value is either a reference to an environment
 * variable, {@code ${MASTODON_TOKEN}}, stored as written and read when the source runs, or a literal
 * secret, stored encrypted with AES-GCM under the key in {@code REELPULSE_SECRET_KEY} (base64 of 16, 24
 * or 32 bytes). Without that key, literal secrets are refused, so none is ever stored readable.
 */
@Component
public class Credentials {

    static final String KEY_VARIABLE = "REELPULSE_SECRET_KEY";
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final String ENCRYPTED = "enc:v1:";
    private static final int IV_BYTES = 12;

    private final Function<String, String> environment;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    Credentials() {
        this(System::getenv);
    }

    /** With another environment, for tests. */
    Credentials(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Whether literal secrets can be stored (the key is set). */
    public boolean canEncrypt() {
        return key() != null;
    }

    /**
     * The values as they are stored: references kept, literals encrypted. Throws {@link
     * IllegalStateException} naming the first key with a literal when no encryption key is set, and
     * {@link IllegalArgumentException} when the key is malformed.
     */
    Map<String, String> seal(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            if (REFERENCE.matcher(v).matches() || v.startsWith(ENCRYPTED)) {
                out.put(e.getKey(), v);
                continue;
            }
            SecretKeySpec key = key();
            if (key == null) {
                throw new IllegalStateException(e.getKey());
            }
            out.put(e.getKey(), encrypt(key, v));
        }
        return out;
    }

    /**
     * The values to use now: references read from the environment, literals decrypted. A reference
     * to a variable that is not set, or a value that cannot be decrypted (the key changed), is a
     * {@link CollectException} of kind needs-credentials naming the key but never a value.
     */
    Map<String, String> open(Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : stored.entrySet()) {
            String v = e.getValue();
            Matcher m = REFERENCE.matcher(v);
            if (m.matches()) {
                String resolved = environment.apply(m.group(1));
                if (resolved == null || resolved.isEmpty()) {
                    throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "The credential '"
                            + e.getKey() + "' refers to the environment variable " + m.group(1)
                            + ", which is not set on this node.");
                }
                out.put(e.getKey(), resolved);
            } else if (v.startsWith(ENCRYPTED)) {
                out.put(e.getKey(), decrypt(e.getKey(), v));
            } else {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private SecretKeySpec key() {
        String k = environment.apply(KEY_VARIABLE);
        if (k == null || k.isBlank()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(k.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must decode to 16, 24 or 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private String encrypt(SecretKeySpec key, String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ENCRYPTED + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private String decrypt(String name, String stored) {
        SecretKeySpec key;
        try {
            key = key();
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "The credential '" + name
                    + "' is stored encrypted, but " + KEY_VARIABLE + " is not set (correctly) on this node.");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CollectException(CollectException.Outcome.NEEDS_CREDENTIALS, "The credential '" + name
                    + "' cannot be decrypted with " + KEY_VARIABLE + " (was the key changed?); enter it again.");
        }
    }
}
