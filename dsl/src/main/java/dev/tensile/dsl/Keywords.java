package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;

/** Every word the DSL knows, for completion: the top-level actions, each block's keywords, the named arguments. */
public final class Keywords {
    private Keywords() {
    }

    public static List<String> all() {
        List<String> all = new ArrayList<>(TensileScript.ACTIONS);
        all.addAll(DataBlock.KEYWORDS);
        all.addAll(ModelBlock.KEYWORDS);
        all.addAll(TrainBlock.KEYWORDS);
        all.addAll(List.of("activation:", "init:", "loss:"));
        return all.stream().distinct().toList();
    }
}
