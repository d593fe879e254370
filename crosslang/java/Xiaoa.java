// The Xiao A API's sign and password cipher in Java (JDK only: java.security, javax.crypto), and a checker for
// vector files with a small JSON reader of its own (no Maven downloads).
//
//   javac -d out Xiaoa.java && java -cp out Xiaoa sign TIMESTAMP DOMAIN_KEY   -> the 10-character sign
//   java -cp out Xiaoa encrypt TEXT | decrypt BASE64                        -> base64 / plaintext (vendor key, IV)
//   java -cp out Xiaoa check FILE...                                        -> "java: N passed, M failed"
//   (Java 11+ can also run the source directly: java Xiaoa.java sign 1700000000 abc)

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public final class Xiaoa {
    static final byte[] KEY_TEXT = "xiaoa".getBytes(StandardCharsets.UTF_8);
    static final byte[] IV = "1234567890123456".getBytes(StandardCharsets.UTF_8);
    static final HexFormat HEX = HexFormat.of(); // lowercase

    static String md5Hex(byte[] data) throws GeneralSecurityException {
        // Trap: String.format("%02X", b) is upper case, and Integer.toHexString(b & 0xff) drops leading zeros;
        // PHP's md5() is 32 lowercase digits. HexFormat.of() (Java 17) is lowercase with two digits per byte.
        return HEX.formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    /** substr(md5(md5(timestamp . domain_key)), 8, 10), on the raw bytes. */
    static String sign(byte[] timestamp, byte[] domainKey) throws GeneralSecurityException {
        byte[] input = Arrays.copyOf(timestamp, timestamp.length + domainKey.length);
        System.arraycopy(domainKey, 0, input, timestamp.length, domainKey.length);
        String first = md5Hex(input);
        // Trap: PHP's substr($s, 8, 10) is (start, length); Java's substring takes (begin, end): substring(8, 18).
        return md5Hex(first.getBytes(StandardCharsets.US_ASCII)).substring(8, 18);
    }

    /** Exact (no toLowerCase, no trim) and constant time. */
    static boolean verify(String candidate, byte[] timestamp, byte[] domainKey) throws GeneralSecurityException {
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                sign(timestamp, domainKey).getBytes(StandardCharsets.US_ASCII));
    }

    /** The 16-byte key PHP's openssl_encrypt makes of a text key: cut to 16, padded with NUL bytes. */
    static byte[] phpKey(byte[] keyText) {
        // Trap: new SecretKeySpec(bytes, "AES") takes any length; init() then refuses 5 bytes ("Invalid AES key
        // length") and silently runs AES-192/256 for 24 or 32 bytes. Arrays.copyOf pads with zeros and cuts.
        return Arrays.copyOf(keyText, 16);
    }

    static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        // Trap: "AES" alone means AES/ECB/PKCS5Padding. And "PKCS5Padding" is the JCE's name for what is PKCS#7
        // with AES's 16-byte blocks, i.e. exactly PHP's padding.
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher;
    }

    static String encrypt(byte[] plaintext, byte[] key, byte[] iv) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, key, iv).doFinal(plaintext));
    }

    /** The plaintext; throws for anything but strict base64 of whole blocks with valid padding. */
    static byte[] decrypt(String text, byte[] key, byte[] iv) throws GeneralSecurityException {
        byte[] ciphertext;
        try {
            // Trap: Base64.getDecoder() accepts a missing '=' and non-zero unused bits in the last character
            // (getMimeDecoder() even skips junk). Strict means: re-encoding gives back exactly the text.
            ciphertext = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not base64: " + e.getMessage());
        }
        if (!Base64.getEncoder().encodeToString(ciphertext).equals(text)) throw new GeneralSecurityException("not strict base64");
        if (ciphertext.length == 0 || ciphertext.length % 16 != 0) throw new GeneralSecurityException("not whole blocks");
        return cipher(Cipher.DECRYPT_MODE, key, iv).doFinal(ciphertext); // BadPaddingException on bad padding
    }

    // --- checking vector files (schema: Vectors/README.md) ---

    @SuppressWarnings("unchecked")
    static int[] checkFile(String path) throws Exception {
        Map<String, Object> doc = (Map<String, Object>) new Json(Files.readString(Path.of(path), StandardCharsets.UTF_8)).parse();
        String schema = (String) doc.get("schema");
        if (!"xiaoa_sign_v1".equals(schema) && !"xiaoa_password_v1".equals(schema)) {
            throw new IllegalArgumentException(path + ": unknown schema " + schema);
        }
        int passed = 0, failed = 0;
        for (Object g : (List<Object>) doc.get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            for (Object o : (List<Object>) group.get("tests")) {
                Map<String, Object> t = (Map<String, Object>) o;
                String problem = schema.equals("xiaoa_sign_v1") ? checkSign(t) : checkPassword(group, t);
                if (problem == null) {
                    passed++;
                } else if (++failed <= 5) {
                    System.out.println("  " + path + " tcId " + t.get("tcId") + " " + t.get("flags") + ": " + problem);
                }
            }
        }
        if (passed + failed != ((Number) doc.get("numberOfTests")).intValue()) {
            throw new IllegalArgumentException(path + ": numberOfTests is " + doc.get("numberOfTests") + ", the file has " + (passed + failed));
        }
        System.out.println("  " + path + ": " + passed + " passed, " + failed + " failed");
        return new int[] {passed, failed};
    }

    static String checkSign(Map<String, Object> t) throws GeneralSecurityException {
        byte[] ts = HEX.parseHex((String) t.get("timestamp"));
        byte[] dk = HEX.parseHex((String) t.get("domainKey"));
        String expected = (String) t.get("sign");
        byte[] input = Arrays.copyOf(ts, ts.length + dk.length);
        System.arraycopy(dk, 0, input, ts.length, dk.length);
        String first = md5Hex(input);
        if (!first.equals(t.get("md5First")) || !md5Hex(first.getBytes(StandardCharsets.US_ASCII)).equals(t.get("md5Second"))) {
            return "md5s differ";
        }
        boolean accepted = verify(expected, ts, dk);
        if ("valid".equals(t.get("result"))) {
            return sign(ts, dk).equals(expected) && accepted ? null : "sign is " + sign(ts, dk) + ", expected " + expected;
        }
        // acceptable: the empty domain key, which the API never assigns; only the math is checked.
        if ("acceptable".equals(t.get("result"))) {
            return sign(ts, dk).equals(expected) ? null : "sign is " + sign(ts, dk) + ", expected " + expected;
        }
        if (!"invalid".equals(t.get("result"))) {
            return "unknown result " + t.get("result");
        }
        return accepted ? "verify accepted the wrong sign \"" + expected + "\"" : null;
    }

    static String checkPassword(Map<String, Object> group, Map<String, Object> t) throws GeneralSecurityException {
        byte[] key = HEX.parseHex((String) group.get("key"));
        byte[] iv = HEX.parseHex((String) group.get("iv"));
        if (group.get("keyText") != null && !Arrays.equals(phpKey(HEX.parseHex((String) group.get("keyText"))), key)) {
            return "key text does not pad to key";
        }
        String base64 = (String) t.get("base64");
        if ("valid".equals(t.get("result"))) {
            byte[] msg = HEX.parseHex((String) t.get("msg"));
            String got = encrypt(msg, key, iv);
            if (!got.equals(base64) || !HEX.formatHex(Base64.getDecoder().decode(got)).equals(t.get("ct"))) {
                return "encrypt gave " + got + ", expected " + base64;
            }
            try {
                byte[] plain = decrypt(base64, key, iv);
                return Arrays.equals(plain, msg) ? null : "decrypt gave " + HEX.formatHex(plain);
            } catch (GeneralSecurityException e) {
                return "decrypt failed: " + e;
            }
        }
        try {
            decrypt(base64, key, iv);
            return "decrypt accepted an invalid ciphertext";
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** A small strict JSON reader: objects (LinkedHashMap), arrays (ArrayList), strings, numbers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object parse() {
            Object value = value();
            space();
            if (i != s.length()) throw error("trailing characters");
            return value;
        }

        private Object value() {
            space();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                space();
                if (peek('}')) return map;
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    if (map.put(key, value()) != null) throw error("duplicate key " + key);
                    space();
                } while (peek(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                space();
                if (peek(']')) return list;
                do { list.add(value()); space(); } while (peek(','));
                expect(']');
                return list;
            }
            if (c == '"') return string();
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw error("unexpected character");
            String number = s.substring(start, i);
            return number.matches("-?(0|[1-9][0-9]*)") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return out.toString();
                if (c < 0x20) throw error("control character in string");
                if (c != '\\') { out.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> { out.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private void space() { while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++; }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) { i++; return true; }
            return false;
        }

        private void expect(char c) { if (!peek(c)) throw error("expected '" + c + "'"); }

        private IllegalArgumentException error(String what) { return new IllegalArgumentException("JSON: " + what + " at offset " + i); }
    }

    public static void main(String[] args) throws Exception {
        byte[] key = phpKey(KEY_TEXT);
        if (args.length >= 2 && args[0].equals("check")) {
            int passed = 0, failed = 0;
            for (int k = 1; k < args.length; k++) {
                int[] counts;
                try {
                    counts = checkFile(args[k]);
                } catch (IllegalArgumentException e) {
                    System.err.println("error: " + e.getMessage());
                    System.exit(65);
                    return;
                }
                passed += counts[0];
                failed += counts[1];
            }
            System.out.println("java: " + passed + " passed, " + failed + " failed");
            System.exit(failed > 0 ? 1 : 0);
        } else if (args.length == 3 && args[0].equals("sign")) {
            // Trap: String.getBytes() without a charset uses the platform default (UTF-8 only since Java 18).
            System.out.println(sign(args[1].getBytes(StandardCharsets.UTF_8), args[2].getBytes(StandardCharsets.UTF_8)));
        } else if (args.length == 2 && args[0].equals("encrypt")) {
            System.out.println(encrypt(args[1].getBytes(StandardCharsets.UTF_8), key, IV));
        } else if (args.length == 2 && args[0].equals("decrypt")) {
            try {
                System.out.write(decrypt(args[1], key, IV));
                System.out.println();
            } catch (GeneralSecurityException e) {
                System.err.println("error: cannot decrypt: " + e.getMessage());
                System.exit(65);
            }
        } else {
            System.err.println("usage: Xiaoa sign TIMESTAMP DOMAIN_KEY | encrypt TEXT | decrypt BASE64 | check FILE...");
            System.exit(64);
        }
    }
}
