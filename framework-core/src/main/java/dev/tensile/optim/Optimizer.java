package dev.tensile.optim;

import java.util.List;

import dev.tensile.nn.Parameter;

/** Updates parameters from their gradients, once per batch. */
public interface Optimizer {

    void step(List<Parameter> parameters);

    double learningRate();

    void setLearningRate(double learningRate);

    String name();
}
