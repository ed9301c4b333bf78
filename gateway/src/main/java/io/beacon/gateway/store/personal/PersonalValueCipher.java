package io.beacon.gateway.store.personal;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM of one personal value, with the JDK's {@code javax.crypto}: a fresh random 96-bit IV per
 * value, a 128-bit tag, and as associated data where the value sits ({@code <contact uuid>/<location>}),
 * so a ciphertext moved to another contact or field fails to decrypt instead of showing there. A value
 * is stored as base64 of {@code IV || ciphertext || tag}.
 */
final class PersonalValueCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random;

    PersonalValueCipher(SecureRandom random) {
        this.random = random;
    }

    String encrypt(SecretKey key, String contactId, String location, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(contactId, location));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            // The JDK's message names no key material; the value is not repeated either.
            throw new IllegalStateException("cannot encrypt a personal value of contact " + contactId, e);
        }
    }

    String decrypt(SecretKey key, String contactId, String location, String stored) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored);
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalStateException("personal value " + location + " of contact " + contactId
                        + " is not a ciphertext");
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData(contactId, location));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A wrong key or a changed ciphertext: the event is damaged, which must not pass for an erasure.
            throw new IllegalStateException("personal value " + location + " of contact " + contactId
                    + " cannot be decrypted", e);
        }
    }

    private static byte[] associatedData(String contactId, String location) {
        return (contactId + '/' + location).getBytes(StandardCharsets.UTF_8);
    }
}
