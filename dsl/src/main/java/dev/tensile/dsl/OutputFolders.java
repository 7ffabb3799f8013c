package dev.tensile.dsl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a file a run will write can be written, asked before the first epoch (checkpoints, reports, the
 * script's later {@code save} and {@code export}): its folder must exist, be a folder, and be writable, and the
 * file must not be a folder. Model files, checkpoints and reports do not create folders; neither does this.
 */
final class OutputFolders {
    private OutputFolders() {
    }

    /** What keeps {@code file} from being written, or empty when nothing seen now does. */
    static Optional<String> problem(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return Optional.of("cannot write " + abs + ": a folder of that name exists");
        }
        Path folder = abs.getParent();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return Optional.of("cannot write " + abs + ": " + existing + " is a file, not a folder");
        }
        if (!folder.equals(existing)) {
            return Optional.of("cannot write " + abs + ": the folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            return Optional.of("cannot write " + abs + ": the folder " + folder + " is not writable");
        }
        return Optional.empty();
    }
}
