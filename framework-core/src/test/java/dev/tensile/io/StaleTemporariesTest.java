package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: leftovers of interrupted saves are removed by the next save to the same path, and nothing else is. */
class StaleTemporariesTest {
    @TempDir
    Path dir;

    private Path file(String name, long ageMinutes) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "x".repeat(100));
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60 * ageMinutes)));
        return p;
    }

    @Test
    void staleTemporariesOfOurNamingForThisTargetAreRemovedOnTheNextSave() throws IOException {
        Path stale = file(".run.tensile.5f3a9c0d1e2b4a67.tmp", 30);
        Path staleShort = file(".run.tensile.ab.tmp", 11);
        Path fresh = file(".run.tensile.0123456789abcdef.tmp", 1);            // a save in progress elsewhere
        Path otherTarget = file(".other.tensile.5f3a9c0d1e2b4a67.tmp", 30);  // another file's leftover
        Path notOurs = file(".run.tensile.backup.tmp", 30);                  // not our naming
        Path lookalike = file("run.tensile.5f3a9c0d1e2b4a67.tmp", 30);       // no leading dot

        AtomicFiles.write(dir.resolve("run.tensile"), out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(dir.resolve("run.tensile"))).isEqualTo("new");
        assertThat(stale).doesNotExist();
        assertThat(staleShort).doesNotExist();
        assertThat(fresh).exists();
        assertThat(otherTarget).exists();
        assertThat(notOurs).exists();
        assertThat(lookalike).exists();
    }
}
