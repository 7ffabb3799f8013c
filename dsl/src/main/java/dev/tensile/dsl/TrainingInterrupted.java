package dev.tensile.dsl;

import java.nio.file.Path;

/**
 * Training was interrupted (Ctrl-C, SIGTERM) in a session that checkpoints interrupts: the checkpoint is written and
 * the script stops here. {@code tensile run} turns it into exit status 130 and a line saying how to resume.
 */
public final class TrainingInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path checkpoint;

    TrainingInterrupted(Path checkpoint, String where) {
        super("interrupted " + where + "; checkpoint written to " + checkpoint);
        this.checkpoint = checkpoint;
    }

    /** The checkpoint written, to resume from. */
    public Path checkpoint() {
        return checkpoint;
    }
}
