package dev.tensile.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.Parameter;

/**
 * Updates parameters from their gradients, once per batch. Per-parameter state (momentum, moment estimates) lives in
 * slots the optimizer allocates on its first step, so steps after the first allocate nothing.
 */
public abstract class Optimizer {
    private final String name;
    private final int slotsPerParameter;
    private final Map<Parameter, float[][]> slots = new IdentityHashMap<>();
    private double learningRate;
    private long steps;

    protected Optimizer(String name, double learningRate, int slotsPerParameter) {
        this.name = name;
        this.learningRate = learningRate;
        this.slotsPerParameter = slotsPerParameter;
    }

    /** One update of every parameter from its gradient, at the current learning rate. */
    public final void step(List<Parameter> parameters) {
        steps++;
        beginStep(steps);
        for (Parameter p : parameters) {
            float[][] s = slotsPerParameter == 0 ? null : slots.computeIfAbsent(p, this::newSlots);
            update(p, p.value().data(), p.grad().data(), s);
        }
    }

    private float[][] newSlots(Parameter p) {
        float[][] s = new float[slotsPerParameter][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new float[p.value().size()];
        }
        return s;
    }

    /** Called once per step before the parameters are updated; {@code t} counts from 1. */
    protected void beginStep(long t) {
    }

    /** Updates one parameter in place; {@code slots} are this parameter's state arrays (null when none). */
    protected abstract void update(Parameter p, float[] w, float[] g, float[][] slots);

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    public String name() {
        return name;
    }

    /** The state arrays of one parameter (empty before the first step), for checkpoints and tests. */
    public float[][] slots(Parameter p) {
        float[][] s = slots.get(p);
        return s == null ? new float[0][] : s;
    }

    /** State arrays per parameter: 2 for Adam (moments), 1 for momentum and RMSProp, 0 for plain SGD. */
    public int slotsPerParameter() {
        return slotsPerParameter;
    }

    /**
     * Puts back what a checkpoint saved: the step count and, per parameter, copies of its state arrays (each as long
     * as the parameter; {@code slots} maps every parameter that had state, in any order). Used by resume only.
     */
    public void restore(long steps, Map<Parameter, float[][]> saved) {
        if (steps < 0) {
            throw new IllegalArgumentException("the step count cannot be negative, got " + steps);
        }
        for (Map.Entry<Parameter, float[][]> e : saved.entrySet()) {
            float[][] s = e.getValue();
            if (s.length != slotsPerParameter) {
                throw new IllegalArgumentException(name + " keeps " + slotsPerParameter + " arrays per parameter, got " + s.length);
            }
            for (float[] a : s) {
                if (a.length != e.getKey().value().size()) {
                    throw new IllegalArgumentException(e.getKey().name() + " has " + e.getKey().value().size()
                            + " values but its saved optimizer state " + a.length);
                }
            }
        }
        slots.clear();
        for (Map.Entry<Parameter, float[][]> e : saved.entrySet()) {
            float[][] copy = new float[slotsPerParameter][];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = e.getValue()[i].clone();
            }
            slots.put(e.getKey(), copy);
        }
        this.steps = steps;
    }
}
