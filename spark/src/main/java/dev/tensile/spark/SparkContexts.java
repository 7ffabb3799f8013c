package dev.tensile.spark;

import java.io.PrintStream;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context training runs on: the one already running (spark-submit's, an earlier run's), else a new one
 * for the master the script names. It stays up for the JVM's life (Spark stops it at exit), so the runs of several
 * train blocks, or of a sweep, share it and pay Spark's start-up (about 5 s) once.
 */
final class SparkContexts {
    private static JavaSparkContext current;

    private SparkContexts() {
    }

    static synchronized JavaSparkContext get(String master, PrintStream out) {
        boolean submitted = System.getProperty("spark.master") != null;
        if (current == null || current.sc().isStopped()) {
            if (!submitted) {
                quietLogging();
            }
            SparkConf conf = new SparkConf().setAppName("tensile");
            if (!submitted) {
                conf.setMaster(master.isEmpty() ? "local[*]" : master);
            }
            // Results of a round (weights and optimizer state) come back directly, not through the block manager:
            // measured on local[2], a 4 MB treeReduce took about 105 ms this way, the fastest variant tried.
            conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
            if (conf.get("spark.master").startsWith("local")) {
                conf.setIfMissing("spark.ui.enabled", "false");
            }
            current = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        }
        if (!master.isEmpty() && !master.equals(current.master())) {
            out.println("spark: training on the running context's master " + current.master() + ", not " + master
                    + (submitted ? " (spark-submit's --master wins)" : " (one Spark context per JVM)"));
        }
        return current;
    }

    /**
     * Spark logs INFO lines by default; a script's output should show training, so WARN and above (unless the user
     * configured log4j). Under spark-submit the cluster's logging configuration is left alone.
     */
    private static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") != null || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        try {
            org.apache.logging.log4j.core.config.Configurator.reconfigure(
                    SparkContexts.class.getResource("log4j2-tensile.properties").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
