package dev.tensile.dsl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars in tests: compiles sources against the test class path, adds service files and a version. */
final class PluginJars {
    private PluginJars() {
    }

    /** The class path the tests run with (surefire hides it behind a manifest-only jar). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path");
    }

    /**
     * @param sources  Java source files to compile
     * @param services service interface name -> provider class names, one per line
     */
    static Path build(Path jar, List<Path> sources, Map<String, String> services, String version) {
        try {
            Path classes = Files.createTempDirectory("plugin-classes");
            if (!sources.isEmpty()) {
                JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath(), "-proc:none"));
                sources.forEach(s -> args.add(s.toString()));
                if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                    throw new IllegalStateException("could not compile " + sources);
                }
            }
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            mf.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
                for (Map.Entry<String, String> s : services.entrySet()) {
                    out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
                    out.write((s.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One Java source file with the given text, in a fresh folder. */
    static Path source(String className, String text) {
        try {
            Path dir = Files.createTempDirectory("plugin-src");
            Path file = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
