package dev.tensile.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import dev.tensile.data.DataException;
import dev.tensile.distributed.RemoteFiles;

/**
 * Reads a script's data URIs through Hadoop's file systems, the layer under Spark's own readers: {@code hdfs://},
 * {@code file://}, and {@code s3a://} or others when their jars and settings ({@code HADOOP_CONF_DIR}) are there.
 */
public final class HadoopFiles implements RemoteFiles {

    @Override
    public Path fetch(URI uri) {
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        try (FileSystem fs = FileSystem.newInstance(uri, conf); InputStream in = fs.open(path)) {
            Path local = Files.createTempFile("tensile-", "-" + path.getName());
            local.toFile().deleteOnExit();
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException | RuntimeException e) {
            throw new DataException(uri + ": cannot read it through Hadoop's file systems: " + e.getMessage());
        }
    }
}
