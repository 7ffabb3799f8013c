package dev.tensile.plugin;

import java.io.PrintStream;

import com.google.inject.Singleton;

/**
 * Where plugins print for the user. A script run, a shell session or a test points it at its own stream; plugins
 * inject {@code Provider<PrintStream>} and so always print to the current one.
 */
@Singleton
public final class ConsoleOutput {
    private volatile PrintStream out;

    public PrintStream get() {
        PrintStream o = out;
        return o != null ? o : System.out;
    }

    public void set(PrintStream stream) {
        this.out = stream;
    }
}
