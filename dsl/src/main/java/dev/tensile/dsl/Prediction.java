package dev.tensile.dsl;

import java.util.Map;

/** What {@code predict(...)} returns for a classifier: the predicted label with its probability and every class's. */
public record Prediction(String label, double probability, Map<String, Double> probabilities) {
    @Override
    public String toString() {
        return String.format("%s (p=%.3f)", label, probability);
    }
}
