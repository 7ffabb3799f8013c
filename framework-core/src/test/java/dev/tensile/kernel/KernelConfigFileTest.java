package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelConfigFileTest {
    private static final String CPU = "Test CPU 3000";
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();

    private Optional<KernelConfig> read(KernelConfigFile file, int bits) {
        return file.read(bits, CPU, warnings::add, infos::add);
    }

    @Test
    void aStoredKernelIsReadBackForItsVectorWidthAndJavaRelease(@TempDir Path dir) throws IOException {
        KernelConfigFile file = new KernelConfigFile(dir.resolve("sub/kernel.json"));
        assertThat(read(file, 512)).isEmpty();
        KernelConfig wide = new KernelConfig(512, 8, 256, 64, 2048, "tune");
        KernelConfig narrow = new KernelConfig(256, 4, 384, 64, 1024, "tune");
        file.write(wide, CPU, 150.04);
        file.write(narrow, CPU, 90);
        assertThat(read(file, 512)).get().extracting(KernelConfig::blocking).isEqualTo(wide.blocking());
        assertThat(read(file, 256)).get().extracting(KernelConfig::blocking).isEqualTo(narrow.blocking());
        assertThat(Files.readString(file.path())).contains("\"" + KernelConfigFile.key(512) + "\"", "\"gflops\" : 150.0");
        assertThat(warnings).isEmpty();
        assertThat(infos).isEmpty();
        try (var files = Files.list(file.path().getParent())) {
            assertThat(files).containsExactly(file.path()); // no temporary file left behind
        }
    }

    @Test
    void aCorruptFileGivesOneWarningAndTheCacheRule(@TempDir Path dir) throws IOException {
        KernelConfigFile file = new KernelConfigFile(dir.resolve("kernel.json"));
        Files.writeString(file.path(), "{\"format\": 1, \"kernels\": {");
        assertThat(read(file, 512)).isEmpty();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith(file.path() + ": not valid JSON (line 1").endsWith("; using the cache rule "
                + "(tensile bench tune rewrites the file)");
        // tune replaces a corrupt file whole
        file.write(new KernelConfig(512, 12, 192, 192, 2720, "tune"), CPU, 160);
        assertThat(read(file, 512)).isPresent();
    }

    @Test
    void impossibleEntriesAreNamed(@TempDir Path dir) throws IOException {
        String key = KernelConfigFile.key(512);
        assertThat(warningFor(dir, "[]")).contains("not a JSON object");
        assertThat(warningFor(dir, "{\"format\": 2, \"kernels\": {}}")).contains("\"format\" must be 1, got 2");
        assertThat(warningFor(dir, entry(key, "\"tile\": \"12x32\", \"kc\": 192, \"mc\": 192")))
                .contains("\"" + key + "\".nc is missing or not an integer");
        assertThat(warningFor(dir, entry(key, "\"tile\": \"11x32\", \"kc\": 192, \"mc\": 192, \"nc\": 2720")))
                .contains("a 512-bit tile has [12, 8, 6, 5, 4] rows, got 11");
        assertThat(warningFor(dir, entry(key, "\"tile\": \"12x16\", \"kc\": 192, \"mc\": 192, \"nc\": 2720")))
                .contains("tile must have 32 columns");
        assertThat(warningFor(dir, entry(key, "\"tile\": \"12x32\", \"kc\": -5, \"mc\": 192, \"nc\": 2720")))
                .contains("kc must be 16 to 4096, got -5");
    }

    @Test
    void anEntryTunedOnAnotherCpuIsIgnoredWithAnInfoLine(@TempDir Path dir) throws IOException {
        KernelConfigFile file = new KernelConfigFile(dir.resolve("kernel.json"));
        file.write(new KernelConfig(512, 12, 192, 192, 2720, "tune"), "Other CPU", 160);
        assertThat(read(file, 512)).isEmpty();
        assertThat(warnings).isEmpty();
        assertThat(infos).singleElement().asString().contains("tuned on \"Other CPU\", this is \"" + CPU + "\"");
    }

    private String warningFor(Path dir, String json) throws IOException {
        KernelConfigFile file = new KernelConfigFile(dir.resolve("kernel.json"));
        Files.writeString(file.path(), json);
        warnings.clear();
        assertThat(read(file, 512)).isEmpty();
        assertThat(warnings).hasSize(1);
        return warnings.get(0);
    }

    private static String entry(String key, String fields) {
        return "{\"format\": 1, \"kernels\": {\"" + key + "\": {" + fields + ", \"cpu\": \"" + CPU + "\"}}}";
    }
}
