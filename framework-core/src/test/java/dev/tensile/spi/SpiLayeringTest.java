package dev.tensile.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The SPI is the floor of the core: what a plugin jar compiles against names nothing of the engine above it (train,
 * nn, io, data, eval, optim, plugin, tribuo) or of the modules above the core. Checked on the sources, imports and
 * fully qualified names alike, so a callback contract that slips back up the layers fails here.
 */
class SpiLayeringTest {
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.tensile\\.([a-z]+)\\.");

    @Test
    void theSpiNamesNothingAboveItself() throws IOException {
        Path spi = Path.of("src/main/java/dev/tensile/spi");
        assertThat(spi).isDirectory();
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.list(spi)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = REFERENCE.matcher(lines.get(i));
                    while (m.find()) {
                        if (!List.of("spi", "tensor", "kernel").contains(m.group(1))) {
                            offences.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
