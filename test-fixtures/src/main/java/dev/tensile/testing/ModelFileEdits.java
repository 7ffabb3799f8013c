package dev.tensile.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Crafts model files and checkpoints in tests, as someone editing a file by hand (or an attacker) could: a copy
 * with some entries changed and, unless asked otherwise, a fresh {@code SHA256SUMS} that matches them. The sums are
 * computed here, not by the writer's code, so a test does not trust what it tests.
 */
public final class ModelFileEdits {
    /** The checksum entry of every model file and checkpoint ({@code sha256sum -c} format). */
    public static final String SUMS = "SHA256SUMS";

    private ModelFileEdits() {
    }

    /** Every entry of the zip file, by name, in file order. */
    public static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Copies {@code from} to {@code to} with its entries edited, then writes fresh, valid SHA256SUMS. */
    public static Path rewrite(Path from, Path to, Consumer<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = entries(from);
        entries.remove(SUMS);
        edit.accept(entries);
        StringBuilder sums = new StringBuilder();
        entries.forEach((name, bytes) -> sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
        entries.put(SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
        return write(entries, to);
    }

    /** Copies {@code from} to {@code to} with its entries edited and SHA256SUMS left as the edit leaves it. */
    public static Path rewriteRaw(Path from, Path to, Consumer<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = entries(from);
        edit.accept(entries);
        return write(entries, to);
    }

    /** {@link #rewrite} with {@code model.json} edited as text; an edit that changes nothing is a broken test. */
    public static Path editJson(Path from, Path to, UnaryOperator<String> edit) throws IOException {
        return rewrite(from, to, entries -> {
            String json = new String(entries.get("model.json"), StandardCharsets.UTF_8);
            String edited = edit.apply(json);
            if (edited.equals(json)) {
                throw new IllegalArgumentException("the edit changed nothing in " + json);
            }
            entries.put("model.json", edited.getBytes(StandardCharsets.UTF_8));
        });
    }

    private static Path write(Map<String, byte[]> entries, Path to) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                z.setMethod(ZipEntry.STORED);
                z.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return Files.write(to, bytes.toByteArray());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
