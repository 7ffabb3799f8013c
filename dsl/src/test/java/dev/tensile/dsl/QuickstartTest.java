package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's first command, end to end: the shipped example trains and Tribuo evaluates it. */
class QuickstartTest {

    @Test
    void quickstartTrainsWellAboveChanceAndPrintsTribuosEvaluation() {
        ScriptHarness.Result r = ScriptHarness.tensile("run", ScriptHarness.EXAMPLES.resolve("quickstart.groovy").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("data: 432 train, 48 dev, 120 test examples; 2 features, 3 classes")
                .contains("total trainable parameters: 4547")
                .contains("epoch 60: loss")
                .contains("Confusion matrix");
        // three classes: chance is 1/3
        assertThat(ScriptHarness.accuracy(r.out())).isGreaterThan(0.9);
    }
}
