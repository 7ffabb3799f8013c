package dev.tensile.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;

import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * Compiles and runs Tensile scripts against one {@link Session}. Every failure becomes a {@link ScriptFailure}
 * whose message is {@code FILE:LINE: what went wrong}.
 */
public final class ScriptRunner {
    private final Session session;
    private final GroovyShell shell;
    private final Binding binding;
    private final PlannedWrites plannedWrites = new PlannedWrites();

    public ScriptRunner(Session session) {
        this.session = session;
        this.binding = new Binding();
        binding.setVariable(TensileScript.SESSION, session);
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(TensileScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports("dev.tensile.tensor", "dev.tensile.train");
        config.addCompilationCustomizers(imports, plannedWrites);
        this.shell = new GroovyShell(ScriptRunner.class.getClassLoader(), binding, config);
    }

    public Session session() {
        return session;
    }

    /** Variables the scripts have set without {@code def}, kept between runs (the shell relies on this). */
    public Binding binding() {
        return binding;
    }

    public Object runFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScriptFailure(file + ": cannot read the script: " + e.getMessage(), e);
        }
        // paths in a script are relative to its own folder, also when the shell :loads it
        Path previous = session.enterFolder(file.toAbsolutePath().normalize().getParent());
        try {
            return run(text, file.getFileName().toString());
        } finally {
            session.enterFolder(previous);
        }
    }

    /** Runs source text; {@code name} is what error messages call it, e.g. the file name. */
    public Object run(String source, String name) {
        Script script;
        try {
            script = shell.parse(source, name);
        } catch (RuntimeException e) {
            plannedWrites.take();
            throw ScriptFailure.of(e, name, source, t -> java.util.Optional.empty());
        }
        session.planWrites(plannedWrites.take());
        try {
            return script.run();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw ScriptFailure.of(e, name, source, session.registry()::blame);
        } catch (VirtualMachineError e) {
            throw e; // the JVM itself is broken: nothing sensible to add
        } catch (Error e) {
            // an assert in the script, or an Error from plugin code (AssertionError, a blocked System.exit, ...)
            throw ScriptFailure.of(e, name, source, session.registry()::blame);
        }
    }
}
