package dev.tensile.spark;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.dsl.cli.TensileCli;

/**
 * The main class of the assembly jar under spark-submit:
 * {@code spark-submit --class dev.tensile.spark.Submit tensile-spark-all.jar script.groovy [run options]} runs the
 * script as {@code tensile run --spark} does, every {@code train { }} block on spark-submit's master.
 */
public final class Submit {
    private Submit() {
    }

    public static void main(String[] args) {
        List<String> all = new ArrayList<>(List.of("run", "--spark="));
        all.addAll(List.of(args));
        System.exit(TensileCli.execute(all.toArray(String[]::new)));
    }
}
