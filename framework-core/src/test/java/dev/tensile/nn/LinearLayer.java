package dev.tensile.nn;

import java.util.List;

import dev.tensile.kernel.Gemm;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/**
 * The core's test layer: {@code out = in · W + b} on the engine's GEMM, so that the engine's own tests (training loop,
 * probe, checkpoints of the loop) run without the built-in plugins, which live in a module above. Its weights start
 * He-normal from the slot's stream; its parameter is {@code units}.
 */
public final class LinearLayer implements Layer {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String description() {
        return "out = in · W + b (a test layer of the core)";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.integer("units", 1, 1, Integer.MAX_VALUE, "outputs"));
    }

    @Override
    public Plan plan(Params params, Shape input) {
        if (!input.isVector()) {
            throw new IllegalArgumentException("needs a vector input, got " + input);
        }
        int k = input.size();
        int n = params.integer("units");
        return new Plan() {
            @Override
            public Shape output() {
                return Shape.of(n);
            }

            @Override
            public List<Slot> slots() {
                return List.of(new Slot("weights", Shape.of(k, n), (w, in, out, rng) -> {
                    float std = (float) Math.sqrt(2.0 / in);
                    for (int i = 0; i < w.size(); i++) {
                        w.data()[i] = (float) rng.gaussian() * std;
                    }
                }, k, n, true, true), Slot.bias("bias", Shape.of(n)));
            }

            @Override
            public long bufferValues(int batch) {
                return (long) batch * (k + n);
            }

            @Override
            public String describe() {
                return "linear " + n;
            }

            @Override
            public Worker build(Context ctx) {
                Gemm gemm = ctx.gemm();
                Matrix w = ctx.value("weights");
                Matrix b = ctx.value("bias");
                Matrix dw = ctx.gradient("weights");
                Matrix db = ctx.gradient("bias");
                Buffers outs = new Buffers(n);
                Buffers grads = new Buffers(k);
                return new Worker() {
                    private Matrix in;

                    @Override
                    public Matrix forward(Matrix x, boolean training) {
                        in = x;
                        Matrix out = outs.get(x.rows());
                        gemm.gemm(false, false, x.rows(), n, k, 1f, x.data(), 0, k, w.data(), 0, n, 0f, out.data(), 0, n);
                        for (int r = 0; r < x.rows(); r++) {
                            for (int j = 0; j < n; j++) {
                                out.data()[r * n + j] += b.data()[j];
                            }
                        }
                        return out;
                    }

                    @Override
                    public Matrix backward(Matrix g) {
                        gemm.gemm(true, false, k, n, g.rows(), 1f, in.data(), 0, k, g.data(), 0, n, 1f, dw.data(), 0, n);
                        for (int r = 0; r < g.rows(); r++) {
                            for (int j = 0; j < n; j++) {
                                db.data()[j] += g.data()[r * n + j];
                            }
                        }
                        if (!ctx.inputGradient()) {
                            return null;
                        }
                        Matrix dx = grads.get(g.rows());
                        gemm.gemm(false, true, g.rows(), k, n, 1f, g.data(), 0, n, w.data(), 0, n, 0f, dx.data(), 0, k);
                        return dx;
                    }
                };
            }
        };
    }
}
