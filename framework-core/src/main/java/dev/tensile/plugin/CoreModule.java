package dev.tensile.plugin;

import java.time.Clock;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.GemmProvider;

/**
 * The core's services as Guice bindings. Plugins may {@code @Inject} any of them (and a
 * {@code java.util.logging.Logger}, which Guice provides itself); a user module passed to discovery may
 * override them.
 */
public final class CoreModule extends AbstractModule {

    @Provides
    @Singleton
    Gemm gemm() {
        return GemmProvider.get();
    }

    /** Where plugins print for the user: the stream of the session that runs them. */
    @Provides
    java.io.PrintStream console(ConsoleOutput output) {
        return output.get();
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
