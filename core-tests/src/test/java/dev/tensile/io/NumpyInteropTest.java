package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.tensor.Matrix;
import dev.tensile.tribuo.TensileModel;

/**
 * The real NumPy reads a model file as an .npz, and a file NumPy writes (its own .npy writer, biases as 1-D
 * arrays) loads in Tensile. Skipped where {@code python3} with numpy is not installed; nothing is installed here.
 */
class NumpyInteropTest {
    @TempDir
    Path dir;

    private static final String SCRIPT = """
            import hashlib, io, json, sys, zipfile
            import numpy as np
            src, dst = sys.argv[1], sys.argv[2]
            with np.load(src, allow_pickle=False) as z:
                names = [n for n in z.files if n.startswith('layer')]
                for n in names:
                    a = z[n]
                    print(n, a.dtype.str, 'x'.join(map(str, a.shape)), hashlib.sha256(a.tobytes()).hexdigest())
            with zipfile.ZipFile(src) as zf:
                sums = dict(reversed(l.split('  ', 1)) for l in zf.read('SHA256SUMS').decode().splitlines())
                for n in zf.namelist():
                    if n != 'SHA256SUMS':
                        assert hashlib.sha256(zf.read(n)).hexdigest() == sums[n], n
                meta = json.loads(zf.read('model.json'))
                print('features', ','.join(meta['features']))
                entries = {'model.json': zf.read('model.json')}
                for n in names:
                    a = np.load(io.BytesIO(zf.read(n + '.npy')), allow_pickle=False)
                    if a.shape[0] == 1:
                        a = a.reshape(-1)
                    buf = io.BytesIO()
                    np.lib.format.write_array(buf, np.ascontiguousarray(a))
                    entries[n + '.npy'] = buf.getvalue()
            sums = ''.join(hashlib.sha256(b).hexdigest() + '  ' + n + '\\n' for n, b in entries.items())
            with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as out:
                for n, b in entries.items():
                    out.writestr(n, b)
                out.writestr('SHA256SUMS', sums)
            """;

    @Test
    void numpyReadsTheFileAndTensileReadsWhatNumpyWrites() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed");
        TensileModel model = Fixtures.trained();
        Path file = dir.resolve("m.tensile");
        Path back = dir.resolve("from-numpy.tensile");
        ModelFiles.save(model, file, Fixtures.REGISTRY);
        Path script = Files.writeString(dir.resolve("interop.py"), SCRIPT);
        List<String> lines = run("python3", script.toString(), file.toString(), back.toString());

        List<String> expected = new ArrayList<>();
        List<ArraySlot> slots = ArraySlot.of(new NetworkBuilder(Fixtures.REGISTRY, GemmProvider.get()).plan(model.spec()));
        List<Parameter> params = model.network().parameters();
        for (int i = 0; i < slots.size(); i++) {
            Matrix v = params.get(i).value();
            ByteBuffer b = ByteBuffer.allocate(4 * v.size()).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v.data());
            expected.add(slots.get(i).parameter() + " <f4 " + v.rows() + "x" + v.cols() + " " + hex(b.array()));
        }
        expected.add("features x,y");
        assertThat(lines).containsExactlyElementsOf(expected);

        TensileModel loaded = ModelFiles.load(back, Fixtures.REGISTRY);
        Matrix x = Fixtures.inputs(200, 4);
        assertThat(ModelFilesTest.bits(loaded.network().predict(x))).containsExactly(ModelFilesTest.bits(model.network().predict(x)));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(Sha256Sums.digest().digest(bytes));
    }

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
