package dev.tensile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.plugin.PluginRegistry;

class ShellCompleterTest {
    private final ShellCompleter completer = new ShellCompleter(PluginRegistry.discover(),
            () -> Map.of("learningRates", 1, "tensileSession", 2));

    @Test
    void commandsAfterAColon() {
        assertThat(completer.candidates(":p")).containsExactly(":plot", ":plugins");
        assertThat(completer.candidates(":plugins a")).containsExactly("activation", "augmentation");
    }

    @Test
    void pluginNamesOfTheRightKindInsideQuotes() {
        assertThat(completer.candidates("dense 64, activation: 're")).containsExactly("relu");
        assertThat(completer.candidates("dense 64, activation: '")).contains("relu", "tanh", "softmax")
                .doesNotContain("he-normal");
        assertThat(completer.candidates("dense 64, init: 'he")).contains("he-normal");
        assertThat(completer.candidates("  regularizer '")).contains("l2", "max-norm").doesNotContain("dropout");
        assertThat(completer.candidates("layer 'd")).containsExactly("dense", "dropout");
        assertThat(completer.candidates("augment 'gau")).containsExactly("gaussian-noise");
        assertThat(completer.candidates("optimizer 'ad")).containsExactly("adam", "adamw");
    }

    @Test
    void valuesOfScaleLossTaskAndPlotInsideQuotes() {
        assertThat(completer.candidates("scale '")).containsExactly("min-max", "none", "z-score");
        assertThat(completer.candidates("data { scale 'z")).containsExactly("z-score");
        assertThat(completer.candidates("output 1, activation: 'sigmoid', loss: '"))
                .containsExactly("binary-cross-entropy", "cross-entropy", "mse");
        assertThat(completer.candidates("output 3, loss: \"cr")).containsExactly("cross-entropy");
        assertThat(completer.candidates("train csv('a.csv', response: 'y', task: 'r")).containsExactly("regression");
        assertThat(completer.candidates("plot 'b")).containsExactly("boundary");
        assertThat(completer.candidates("schedule 'c")).containsExactly("constant", "cosine");
        // a word that only ends in a keyword is not that keyword
        assertThat(completer.candidates("upscale 'mi")).isEmpty();
    }

    @Test
    void parameterNamesOfTheChosenPlugin() {
        assertThat(completer.candidates("regularizer 'l2', ")).containsExactly("lambda:");
        assertThat(completer.candidates("augment 'gaussian-noise', s")).containsExactly("std:");
        assertThat(completer.candidates("optimizer 'adam', ")).contains("lr:", "beta1:", "beta2:", "epsilon:");
        assertThat(completer.candidates("callback 'progress', ev")).containsExactly("every:");
        // a layer keyword offers its plugin's parameters and the engine's activation: and init:
        assertThat(completer.candidates("dense 64, ")).containsExactly("activation:", "init:", "units:");
        assertThat(completer.candidates("dropout 0.2, r")).containsExactly("rate:");
        assertThat(completer.candidates("layer 'dropout', ")).containsExactly("activation:", "init:", "rate:");
    }

    @Test
    void keywordsAndSessionVariablesOtherwise() {
        assertThat(completer.candidates("den")).containsExactly("dense");
        assertThat(completer.candidates("model { dr")).containsExactly("dropout");
        assertThat(completer.candidates("model { la")).containsExactly("layer");
        assertThat(completer.candidates("println lear")).containsExactly("learningRates");
        assertThat(completer.candidates("tens")).isEmpty();
    }
}
