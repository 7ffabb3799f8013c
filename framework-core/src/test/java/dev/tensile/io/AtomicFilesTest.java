package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsAndReplacesLeavingNoTemporaryFile() throws IOException {
        Path f = dir.resolve("x.bin");
        AtomicFiles.write(f, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(f, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(f)).isEqualTo("second");
        assertThat(names()).containsExactly("x.bin");
    }

    @Test
    void aBodyThatFailsHalfWayLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw new IOException("crash half way");
        })).hasMessage("crash half way");
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(names()).containsExactly("x.bin");
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.writeString(f, "old");
        Assumptions.assumeTrue(Files.getFileStore(f).supportsFileAttributeView(PosixFileAttributeView.class));
        Set<PosixFilePermission> groupReadable = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(f, groupReadable);
        AtomicFiles.write(f, out -> out.write(2));
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(groupReadable);
    }

    @Test
    void aRuntimeFailureIsCleanedUpToo() throws IOException {
        Path f = dir.resolve("new.bin");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(names()).isEmpty();
    }
}
