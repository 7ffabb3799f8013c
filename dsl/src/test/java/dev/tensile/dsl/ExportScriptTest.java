package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.onnx.proto.OnnxMl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export 'model.onnx'} in scripts: a file ONNX tools read, or one line naming what cannot be exported. */
class ExportScriptTest {
    @TempDir
    Path dir;

    private String data() {
        return "data {\n  train csv('" + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath()
                + "', response: 'arm')\n  scale 'z-score'\n}\n";
    }

    @Test
    void aTrainedModelIsExportedNextToTheScript() throws Exception {
        Path script = ScriptHarness.write(dir, "fit.groovy", data() + """
                model {
                    input 2
                    dense 16, activation: 'gelu'
                    dropout 0.1
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train { epochs 2 }
                export 'spirals.onnx'
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        Path file = dir.resolve("spirals.onnx");
        assertThat(r.out()).contains("exported the model to " + file + " (ONNX opset 13)");
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        assertThat(proto.getGraph().getInput(0).getName()).isEqualTo("features");
        assertThat(proto.getGraph().getOutput(0).getName()).isEqualTo("outputs");
        // z-score first, then dense, gelu (through Erf), dense, softmax: dropout adds nothing at inference
        assertThat(proto.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .startsWith("Sub", "Sub", "Div", "Gemm").contains("Erf").endsWith("Gemm", "Softmax", "Identity");
    }

    @Test
    void aScriptDefinedActivationCannotBeExportedAndSaysSo() {
        Path script = ScriptHarness.write(dir, "cube.groovy", data() + """
                defineActivation 'cube', forward: { z -> z * z * z }, derivative: { z, a -> 3 * z * z }
                model {
                    input 2
                    dense 4, activation: 'cube'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train { epochs 1; optimizer 'sgd', lr: 1e-4 }
                export 'cube.onnx'
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("cube.groovy:12: cannot export to ONNX: cube (stage 2 of 3) writes no ONNX nodes");
        assertThat(dir.resolve("cube.onnx")).doesNotExist();
    }

    @Test
    void exportBeforeTrainingIsOneLine() {
        Path script = ScriptHarness.write(dir, "early.groovy", "export 'x.onnx'\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("early.groovy:1: export needs a trained model");
    }
}
