package dev.tensile.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes a file so that a reader (or a crash) sees either the old file or the complete new one, never a part:
 * the bytes go to a temporary file in the same folder, which is flushed to disk ({@code fsync}) and then renamed
 * over the target in one atomic step. If anything fails before the rename, the temporary file is deleted and the
 * target is untouched.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the whole content of a file to the stream it is given. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} with what {@code body} writes.
     *
     * @throws IOException whatever the body or the file system threw; the target is then unchanged
     */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        removeStaleTemporaries(dir, abs.getFileName().toString());
        Path tmp = createTemporary(dir, abs.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(new NonClosing(out));
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A new file beside the target. Unlike {@code Files.createTempFile} (owner-only permissions), it gets the
     * permissions a plain new file gets, or the target's own when the target exists, so replacing a file does not
     * change who may read it.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            try {
                if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // best effort: the file keeps the default permissions
            }
            return tmp;
        }
    }

    /**
     * A temporary of ours untouched for this long belongs to a save that was killed (a writer that is alive writes
     * to it continuously, or has renamed it), so the next save to the same target deletes it.
     */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(10);

    /**
     * Deletes the leftovers of interrupted saves to {@code name} (a checkpoint's can be tens of MB each): only files
     * of exactly our naming, {@code .NAME.<hex>.tmp}, last modified more than {@link #STALE_AFTER} ago.
     */
    private static void removeStaleTemporaries(Path dir, String name) {
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(
                "\\." + java.util.regex.Pattern.quote(name) + "\\.[0-9a-f]{1,16}\\.tmp");
        long cutoff = System.currentTimeMillis() - STALE_AFTER.toMillis();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> ours.matcher(f.getFileName().toString()).matches()).toList()) {
                try {
                    if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(f).toMillis() < cutoff) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // another process's, or gone meanwhile: leave it
                }
            }
        } catch (IOException e) {
            // an unlistable folder: the write below reports what matters
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; the rename is still atomic there, only its durability is the OS's.
        }
    }

    /** The body may close what it is given (a zip stream does); the channel is closed here, after the fsync. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
