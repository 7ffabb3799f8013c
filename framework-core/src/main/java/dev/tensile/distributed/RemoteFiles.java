package dev.tensile.distributed;

import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

import dev.tensile.plugin.PluginException;

/**
 * Data files a script names by URI ({@code hdfs://namenode/data/train.csv}, {@code s3a://bucket/x.csv}) are read
 * through a cluster library's file systems, found through ServiceLoader: the spark module reads them with Hadoop's
 * {@code FileSystem}, as Spark's own readers do. The file is copied to a local temporary file (deleted at exit), which
 * the usual Tribuo source then reads on the driver; training partitions it across the executors.
 */
public interface RemoteFiles {
    Pattern URI_PATH = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    /** A local copy of the file at {@code uri}, or an error naming the URI and what went wrong. */
    Path fetch(URI uri);

    /** True when {@code path} is a URI with a scheme ({@code hdfs://...}) rather than a file name. */
    static boolean isUri(String path) {
        return URI_PATH.matcher(path).matches();
    }

    /** Fetches {@code uri} with the provider on the class path, or says how to get one. */
    static Path fetch(String uri) {
        for (RemoteFiles f : ServiceLoader.load(RemoteFiles.class, RemoteFiles.class.getClassLoader())) {
            return f.fetch(URI.create(uri));
        }
        throw new PluginException("reading " + uri + " needs the tensile-spark module (Hadoop's file systems), which is"
                + " not on the class path: run the script with ./tensile run --spark MASTER FILE, or with spark-submit");
    }
}
