package dev.tensile.plugin;

import java.time.Clock;

import com.google.inject.Inject;

import dev.tensile.kernel.Gemm;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/** A test plugin, registered in this module's test META-INF/services, that asks Guice for core services. */
public class ClockedActivation implements Activation {
    @Inject
    Clock clock;
    @Inject
    Gemm gemm;

    @Override
    public String name() {
        return "clocked";
    }

    @Override
    public String description() {
        return "identity that records what Guice injected";
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public void forward(Matrix z, Matrix a) {
                a.copyFrom(z);
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                gradZ.copyFrom(gradA);
            }
        };
    }
}
