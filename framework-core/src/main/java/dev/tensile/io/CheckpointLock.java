package dev.tensile.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Notices two runs writing checkpoints to one path, which would overwrite each other's: a run holds an operating
 * system lock on {@code .NAME.lock} beside the checkpoint while it trains, and a second run that finds it held is
 * warned. Advisory only (it does not stop either run), released when the run ends or its process dies; the empty
 * lock file stays.
 */
public final class CheckpointLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private CheckpointLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a checkpoint path. */
    static Path lockFile(Path checkpoint) {
        Path abs = checkpoint.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code checkpoint}, or says why not: empty when taken (or when the folder cannot hold a
     * lock file, which the save itself will report), the warning when another process holds it.
     *
     * @param taken receives the lock to close when the run ends
     */
    public static Optional<String> claim(Path checkpoint, java.util.function.Consumer<CheckpointLock> taken) {
        Path file = lockFile(checkpoint);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return Optional.of("another run is writing checkpoints to " + checkpoint + " (it holds " + file
                        + "); the two will overwrite each other's checkpoints");
            }
            taken.accept(new CheckpointLock(ch, l));
            return Optional.empty();
        } catch (OverlappingFileLockException e) {
            // this program holds it already (an earlier write of this run)
            closeQuietly(ch);
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(ch);
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel below anyway
        }
        closeQuietly(channel);
    }
}
