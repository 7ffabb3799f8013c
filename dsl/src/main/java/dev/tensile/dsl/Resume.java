package dev.tensile.dsl;

import java.nio.file.Path;

import dev.tensile.data.Scaling;
import dev.tensile.io.Checkpoints;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.train.TrainPlan;

/** Reads the checkpoint a {@code train { }} block continues from, and refuses one that does not fit the script. */
final class Resume {
    private Resume() {
    }

    static Checkpoints.Checkpoint open(Path file, NetworkBuilder builder, ModelSpec spec, TrainPlan plan,
                                       Scaling.Kind scaling) {
        Checkpoints.Checkpoint c = Checkpoints.load(file, builder);
        if (!c.model().spec().toString().equals(spec.toString())) {
            throw new DslException("cannot resume from " + file + ": its model (" + c.model().spec()
                    + ") is not the script's model { } (" + spec + ")");
        }
        if (!c.optimizer().name().equals(plan.optimizer().name())) {
            throw new DslException("cannot resume from " + file + ": it was trained with optimizer '"
                    + c.optimizer().name() + "', the train { } block says '" + plan.optimizer().name() + "'");
        }
        if (c.model().scaling().kind() != scaling) {
            throw new DslException("cannot resume from " + file + ": it was trained with scale '"
                    + c.model().scaling().kind().label() + "', the data { } block says '" + scaling.label() + "'");
        }
        return c;
    }
}
