package dev.tensile.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class loader of one plugin jar: parent-first like any {@link URLClassLoader}, but every class the jar itself
 * defines passes through {@link ExitCalls#rewrite} first. Its name, {@code plugin:<file name>}, shows in stack
 * traces, which is how {@link PluginFailures} tells which jar a failure came from.
 */
final class PluginClassLoader extends URLClassLoader {
    static final String NAME_PREFIX = "plugin:";

    private final Path jar;
    private final JarFile file;
    private final Manifest manifest;
    private final URL url;

    PluginClassLoader(Path jar, ClassLoader parent) throws IOException {
        super(NAME_PREFIX + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        this.jar = jar;
        this.url = jar.toUri().toURL();
        this.file = new JarFile(jar.toFile());
        this.manifest = file.getManifest();
    }

    Path jar() {
        return jar;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = file.getJarEntry(name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = file.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (" + jar + ": " + e.getMessage() + ")", e);
        }
        byte[] safe;
        try {
            safe = ExitCalls.rewrite(bytes);
        } catch (RuntimeException e) {
            // ASM refuses what it cannot parse; a class we cannot check is not loaded
            throw new ClassFormatError(name + " in " + jar + " cannot be read: " + e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    if (manifest != null) {
                        definePackage(pkg, manifest, url);
                    } else {
                        definePackage(pkg, null, null, null, null, null, null, null);
                    }
                } catch (IllegalArgumentException racedByAnotherThread) {
                    // defined meanwhile: fine
                }
            }
        }
        return defineClass(name, safe, 0, safe.length, new CodeSource(url, (CodeSigner[]) null));
    }

    @Override
    public void close() throws IOException {
        try {
            file.close();
        } finally {
            super.close();
        }
    }
}
