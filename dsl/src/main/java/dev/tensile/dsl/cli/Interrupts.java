package dev.tensile.dsl.cli;

import java.util.concurrent.atomic.AtomicInteger;

import sun.misc.Signal;

import dev.tensile.dsl.Session;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into {@link Session#requestInterrupt()}: training finishes its batch, writes a
 * checkpoint and the run exits with status 130. Outside training, or at a second signal, the JVM exits at once.
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to catch a signal and go on.
 */
final class Interrupts {
    /** Only the real command line catches signals; runs inside another program (tests, the shell) leave them be. */
    private static volatile boolean enabled;

    private Interrupts() {
    }

    static void enable() {
        enabled = true;
    }

    static void install(Session session) {
        if (!enabled) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (count.incrementAndGet() > 1 || !session.isTraining()) {
                        System.err.println("interrupted");
                        Runtime.getRuntime().halt(RunCommand.INTERRUPTED);
                    }
                    System.err.println("interrupted: finishing the batch and writing a checkpoint"
                            + " (press Ctrl-C again to quit at once)");
                    session.requestInterrupt();
                });
            } catch (IllegalArgumentException e) {
                // the platform has no such signal (or the JVM reserves it): keep the default behaviour
            }
        }
    }
}
