package dev.tensile.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code SHA256SUMS} entry: one line per other entry, {@code <64 hex digits><two spaces><entry name>}, the
 * format {@code sha256sum -c} checks after unzipping.
 */
final class Sha256Sums {
    static final String ENTRY = "SHA256SUMS";
    static final int MAX_BYTES = 1 << 20;

    private Sha256Sums() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static byte[] format(Map<String, String> sums) {
        StringBuilder sb = new StringBuilder();
        sums.forEach((name, sum) -> sb.append(sum).append("  ").append(name).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Entry name to lower-case hex digest, in file order. */
    static Map<String, String> parse(byte[] bytes) throws BadBytes {
        Map<String, String> sums = new LinkedHashMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 67 || !line.startsWith("  ", 64) || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw new BadBytes(ENTRY + " line " + lineNo + " is not '<sha-256 hex>  <entry name>'");
            }
            String name = line.substring(66);
            if (sums.put(name, line.substring(0, 64)) != null) {
                throw new BadBytes(ENTRY + " lists '" + name + "' twice");
            }
        }
        return sums;
    }
}
