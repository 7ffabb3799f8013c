package dev.tensile.kernel;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ~/.tensile/kernel.json} ({@code -Dtensile.kernel.file} elsewhere): the kernels {@code tensile bench tune}
 * chose, one per vector width and Java feature release (C2 compiles the same kernel differently from one
 * release to the next), with the CPU they were measured on:
 *
 * <pre>{"format": 1, "kernels": {"512bit-java17": {"tile": "12x32", "kc": 192, "mc": 192, "nc": 2720,
 *   "cpu": "Intel(R) Xeon(R) Processor", "gflops": 160.2}}}</pre>
 *
 * <p>Nothing in it is trusted: a file that does not parse, or an entry with a missing or impossible value, gives
 * one warning naming the file and what is wrong, and the cache rule runs instead. An entry measured on another
 * CPU is ignored the same way, with an info line.
 */
final class KernelConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    KernelConfigFile(Path path) {
        this.path = path;
    }

    /** The file this process reads: {@code -Dtensile.kernel.file}, else {@code ~/.tensile/kernel.json}. */
    static KernelConfigFile standard() {
        String p = System.getProperty("tensile.kernel.file");
        return new KernelConfigFile(p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".tensile",
                "kernel.json"));
    }

    Path path() {
        return path;
    }

    /** The key of this JVM's entry, e.g. {@code 512bit-java17}. */
    static String key(int vectorBits) {
        return vectorBits + "bit-java" + Runtime.version().feature();
    }

    /**
     * The stored kernel for this vector width, Java release and CPU, if there is a valid one; {@code warn} gets
     * the one line that says why a present file or entry is not used.
     */
    Optional<KernelConfig> read(int vectorBits, String cpu, Consumer<String> warn, Consumer<String> info) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        String key = key(vectorBits);
        try {
            JsonNode entry = parse(Files.readString(path)).path("kernels").get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (!entry.isObject()) {
                throw new IllegalArgumentException("\"" + key + "\" is not an object");
            }
            String tunedOn = entry.path("cpu").asText("");
            if (!tunedOn.equals(cpu)) {
                info.accept(path + ": \"" + key + "\" was tuned on \"" + tunedOn + "\", this is \"" + cpu
                        + "\"; using the cache rule (tensile bench tune measures this machine)");
                return Optional.empty();
            }
            String tile = text(entry, key, "tile");
            int x = tile.indexOf('x');
            if (x < 0) {
                throw new IllegalArgumentException("\"" + key + "\".tile must look like 12x32, got \"" + tile + "\"");
            }
            int rows = parseInt(tile.substring(0, x), key, "tile");
            KernelConfig config = new KernelConfig(vectorBits, rows, number(entry, key, "kc"), number(entry, key, "mc"),
                    number(entry, key, "nc"), path.toString());
            if (parseInt(tile.substring(x + 1), key, "tile") != config.cols()) {
                throw new IllegalArgumentException("\"" + key + "\".tile must have " + config.cols()
                        + " columns, got \"" + tile + "\"");
            }
            return Optional.of(config);
        } catch (IOException | RuntimeException e) {
            warn.accept(path + ": " + message(e) + "; using the cache rule (tensile bench tune rewrites the file)");
            return Optional.empty();
        }
    }

    /**
     * Stores {@code config} as this JVM's entry, keeping the other entries of a valid file; the new file replaces
     * the old one in one move, so a crash leaves the old file or the new one, never half of one.
     */
    void write(KernelConfig config, String cpu, double gflops) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode kernels = root.putObject("kernels");
        if (Files.exists(path)) {
            try {
                JsonNode old = parse(Files.readString(path)).path("kernels");
                for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    kernels.set(e.getKey(), e.getValue());
                }
            } catch (RuntimeException | IOException e) {
                // an unreadable file is replaced whole
            }
        }
        ObjectNode entry = kernels.putObject(key(config.vectorBits()));
        entry.put("tile", config.rows() + "x" + config.cols());
        entry.put("kc", config.kc());
        entry.put("mc", config.mc());
        entry.put("nc", config.nc());
        entry.put("cpu", cpu);
        entry.put("gflops", Math.round(gflops * 10) / 10.0);
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "kernel", ".json.tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(root) + "\n");
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The CPU's model name ({@code /proc/cpuinfo} on Linux), else the OS architecture. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && line.indexOf(':') > 0) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch", "unknown");
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            if (root.path("format").asInt(-1) != 1) {
                throw new IllegalArgumentException("\"format\" must be 1, got " + root.path("format"));
            }
            if (!root.path("kernels").isObject()) {
                throw new IllegalArgumentException("\"kernels\" must be an object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    private static String text(JsonNode entry, String key, String field) {
        JsonNode v = entry.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\"." + field + " is missing or not a string");
        }
        return v.asText();
    }

    private static int number(JsonNode entry, String key, String field) {
        JsonNode v = entry.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException("\"" + key + "\"." + field + " is missing or not an integer");
        }
        return v.asInt();
    }

    private static int parseInt(String s, String key, String field) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + key + "\"." + field + " must look like 12x32, got \"" + s + "\"");
        }
    }

    private static String message(Exception e) {
        return e instanceof IOException ? "cannot read it (" + e.getMessage() + ")" : e.getMessage();
    }
}
