package dev.tensile.train;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.Stage;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.LayerStats;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Minibatch training. Each epoch reshuffles; each step gathers a batch, augments it, runs forward, loss, backward,
 * weight-regularizer gradients, the NaN/Inf guard, clipping and one optimizer step, then tells the callbacks.
 * Batch buffers are allocated once; the layers reuse theirs.
 */
public final class TrainingLoop {
    private final Network net;
    private final LabeledData train;
    private final LabeledData dev;
    private final TrainingConfig config;
    private final List<Parameter> params;
    private final int diagnosticsEvery;
    private final RunContext ctx;
    private final History history = new History();
    private final int batchSize;
    private final int steps;
    private final TrainingState from;
    private int step;
    private double gradNormSum;
    private TrainingState end;
    private int[] order;
    private int[] orderBefore;
    private Rng.State shuffleBefore;
    /** The current epoch is shuffled but has taken no step: a snapshot is of the moment before its shuffle. */
    private boolean unstarted;
    private Rng shuffleRng;
    private Rng augmentRng;
    private int epochsDone;
    private int stepInEpoch;

    private TrainingLoop(Network net, LabeledData train, LabeledData dev, TrainingConfig config, TrainingState from) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (train.inputs().cols() != net.inputSize()) {
            throw new IllegalArgumentException("the model's input is " + net.inputSize()
                    + " features but the training data has " + train.inputs().cols());
        }
        if (train.targets().cols() != net.outputSize()) {
            throw new IllegalArgumentException("the model's output is " + net.outputSize()
                    + " wide but the training targets have " + train.targets().cols() + " columns");
        }
        if (from != null && from.order().length != train.size()) {
            throw new IllegalArgumentException("cannot continue: the run had " + from.order().length
                    + " training examples, this data has " + train.size());
        }
        this.from = from;
        this.net = net;
        this.train = train;
        this.dev = dev;
        this.config = config;
        this.params = net.parameters();
        this.batchSize = Math.min(config.batchSize(), train.size());
        this.steps = (train.size() + batchSize - 1) / batchSize;
        this.ctx = new RunContext(net, config.optimizer(), history, config.epochs(), steps, train.size());
        ctx.listeners(config.callbacks());
        if (from != null) {
            ctx.setBaseLearningRate(from.baseLearningRate());
            this.step = from.step();
        }
        int every = 0;
        for (Callback.Listener cb : config.callbacks()) {
            int e = cb.diagnosticsEvery();
            if (e > 0) {
                every = every == 0 ? e : gcd(every, e);
            }
        }
        this.diagnosticsEvery = every;
    }

    /**
     * Trains {@code net} in place.
     *
     * @param dev optional (null) held-out set, evaluated in inference mode after every epoch
     */
    public static History fit(Network net, LabeledData train, LabeledData dev, TrainingConfig config) {
        return fitFrom(net, train, dev, config, null).history();
    }

    /** What a run did, and where it stands for continuing it. */
    public record Result(History history, TrainingState state) {
    }

    /**
     * Continues a run from {@code from} (null: from the start) up to epoch {@code config.epochs()}, with
     * {@code from}'s optimizer (its state included) in place of {@code config.optimizer()}.
     */
    public static Result fitFrom(Network net, LabeledData train, LabeledData dev, TrainingConfig config, TrainingState from) {
        TrainingConfig c = from == null ? config : new TrainingConfig(config.epochs(), config.batchSize(), config.seed(),
                from.optimizer(), config.schedule(), config.clipNorm(), config.clipValue(), config.penalties(),
                config.constraints(), config.augmenters(), config.callbacks());
        TrainingLoop loop = new TrainingLoop(net, train, dev, c, from);
        History h = loop.run();
        return new Result(h, loop.end);
    }

    private History run() {
        int n = train.size();
        Rng rng = new Rng(config.seed());
        shuffleRng = from == null ? rng.derive("shuffle") : Rng.restore(from.shuffle());
        augmentRng = from == null ? rng.derive("augment") : Rng.restore(from.augment());
        order = new int[n];
        orderBefore = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = from == null ? i : from.order()[i];
        }
        int firstEpoch = from == null ? 1 : from.epochsDone() + 1;
        epochsDone = firstEpoch - 1;
        int resumeAt = from == null ? 0 : from.stepInEpoch();
        ctx.stateSource(this::snapshot);
        Batch full = new Batch(batchSize, train.inputs().cols(), net.outputSize());
        int tail = n % batchSize;
        Batch last = tail == 0 ? full : new Batch(tail, train.inputs().cols(), net.outputSize());
        boolean classify = net.loss().classification();
        Metrics.Buffers evalBuffers = dev == null ? null : new Metrics.Buffers(batchSize, dev.inputs().cols(), dev.targets().cols());

        for (Callback.Listener cb : config.callbacks()) {
            cb.onTrainBegin(ctx);
        }
        for (int epoch = firstEpoch; epoch <= config.epochs() && !ctx.stopRequested(); epoch++) {
            long start = System.nanoTime();
            for (Callback.Listener cb : config.callbacks()) {
                cb.onEpochBegin(ctx, epoch);
            }
            if (resumeAt == 0) {
                // An interrupted epoch resumes in the order it was shuffled to; until its first step, a snapshot
                // gives the order and stream from before the shuffle (a stop in onEpochBegin, a NaN at once).
                System.arraycopy(order, 0, orderBefore, 0, n);
                shuffleBefore = shuffleRng.state();
                shuffleRng.shuffle(order);
            }
            int firstStep = resumeAt;
            resumeAt = 0;
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            gradNormSum = 0;
            int stepsRun = 0;
            stepInEpoch = firstStep;
            unstarted = firstStep == 0;
            for (int s = firstStep; s < steps && !ctx.stopRequested(); s++) {
                int from = s * batchSize;
                Batch b = Math.min(batchSize, n - from) == batchSize ? full : last;
                setLearningRate(epoch, s);
                train.gather(order, from, b.x, b.y);
                for (Augmentation.Augmenter a : config.augmenters()) {
                    a.apply(b.x, b.y, augmentRng);
                }
                Matrix out = net.forward(b.x, true);
                if (classify) {
                    correct += Metrics.countCorrect(out, b.y);
                }
                double loss = net.loss().lossAndGradient(out, b.y, b.grad) + StepTail.penalty(config, params, b.rows);
                step++;
                if (!Double.isFinite(loss)) {
                    if (diagnosticsEvery > 0) {
                        diagnostics(true); // let monitors explain what grew out of range before the run stops
                    }
                    stopOrThrow(new NonFiniteException(epoch, step, firstNonFiniteOutput(), "the loss became " + loss));
                    break;
                }
                net.backward(b.grad);
                StepTail.addPenaltyGradients(config, params, b.rows);
                if (!clipAndGuard(epoch)) {
                    break;
                }
                if (diagnosticsEvery > 0 && step % diagnosticsEvery == 0) {
                    diagnostics(false);
                }
                config.optimizer().step(params);
                StepTail.constrain(config, params);
                lossSum += loss * b.rows;
                seen += b.rows;
                stepsRun++;
                unstarted = false;
                stepInEpoch = s + 1 == steps ? 0 : s + 1;
                for (Callback.Listener cb : config.callbacks()) {
                    cb.onBatchEnd(ctx, step, loss);
                }
            }
            if (stepsRun == 0) {
                break;
            }
            double devLoss = Double.NaN;
            double devAcc = Double.NaN;
            if (dev != null && dev.size() > 0) {
                Metrics.Result r = Metrics.evaluate(net, dev, evalBuffers);
                devLoss = r.loss();
                devAcc = classify ? r.accuracy() : Double.NaN;
            }
            EpochLog log = new EpochLog(epoch, lossSum / seen, classify ? (double) correct / seen : Double.NaN,
                    devLoss, devAcc, config.optimizer().learningRate(), (System.nanoTime() - start) / 1e9,
                    gradNormSum / stepsRun);
            history.add(log);
            unstarted = false;
            if (stepInEpoch == 0) {
                epochsDone = epoch; // an epoch cut short by a stop is logged, but resuming finishes it
            }
            for (Callback.Listener cb : config.callbacks()) {
                cb.onEpochEnd(ctx, log);
            }
        }
        end = snapshot();
        for (Callback.Listener cb : config.callbacks()) {
            cb.onTrainEnd(ctx);
        }
        return history;
    }

    /** Where the run stands now (the optimizer itself, not a copy: write it out before the next step). */
    private TrainingState snapshot() {
        if (unstarted) {
            return new TrainingState(epochsDone, step, orderBefore.clone(), shuffleBefore, augmentRng.state(),
                    config.optimizer(), ctx.baseLearningRate(), 0);
        }
        return new TrainingState(epochsDone, step, order.clone(), shuffleRng.state(), augmentRng.state(),
                config.optimizer(), ctx.baseLearningRate(), stepInEpoch);
    }

    private void setLearningRate(int epoch, int stepInEpoch) {
        double t = (epoch - 1) + (double) stepInEpoch / steps;
        config.optimizer().setLearningRate(ctx.baseLearningRate() * config.schedule().factor(t, config.epochs()));
    }

    /** Ends the run quietly if a listener takes the failure on, and throws otherwise. */
    private void stopOrThrow(NonFiniteException e) {
        boolean handled = false;
        for (Callback.Listener cb : config.callbacks()) {
            handled |= cb.onNonFinite(ctx, e);
        }
        if (!handled) {
            throw e;
        }
        ctx.requestStop(e.getMessage());
    }

    /**
     * The guard against NaN and Inf in gradients, and clipping, share one pass computing the global norm.
     *
     * @return false when a non-finite gradient ended the run (before the optimizer step could spread it)
     */
    private boolean clipAndGuard(int epoch) {
        double norm = StepTail.clipAndNorm(config, params);
        if (Double.isNaN(norm)) {
            stopOrThrow(new NonFiniteException(epoch, step, "the gradient of " + StepTail.nonFiniteGradient(params),
                    "NaN or Inf appeared"));
            return false;
        }
        gradNormSum += norm;
        return true;
    }

    /** After a non-finite loss: the first layer whose output already held a NaN or Inf. */
    private String firstNonFiniteOutput() {
        for (int i = 0; i < net.stages().size(); i++) {
            Matrix out = net.layerOutput(i);
            if (out != null && StepTail.firstNonFinite(out.data()) >= 0) {
                return "the output of " + describe(i);
            }
        }
        return "the loss";
    }

    /**
     * Per-layer statistics to the listeners that asked for this step; {@code failing}: the loss just became
     * non-finite, so every diagnostics listener hears, with activation figures only (no backward pass ran).
     */
    private void diagnostics(boolean failing) {
        List<LayerStats> stats = new ArrayList<>(net.stages().size());
        for (int i = 0; i < net.stages().size(); i++) {
            double[] ms = Gradients.meanAndStd(net.layerOutput(i).data());
            stats.add(new LayerStats(describe(i), ms[0], ms[1], failing ? Double.NaN : weightGradientNorm(net.stages().get(i))));
        }
        List<LayerStats> view = java.util.Collections.unmodifiableList(stats);
        ctx.runHistory().observations().sample(epochsDone + 1, step, stats); // kept with the model, for its report
        for (Callback.Listener cb : config.callbacks()) {
            int e = cb.diagnosticsEvery();
            if (e > 0 && (failing || step % e == 0)) {
                cb.onDiagnostics(ctx, step, view);
            }
        }
    }

    /** The L2 norm of a stage's regularized (weight) gradients; NaN for a stage without weights. */
    private static double weightGradientNorm(Stage stage) {
        double ss = 0;
        boolean any = false;
        for (Parameter p : stage.arrays()) {
            if (p.trainable() && !p.isBias()) {
                ss += Gradients.sumOfSquares(p.grad().data());
                any = true;
            }
        }
        return any ? Math.sqrt(ss) : Double.NaN;
    }

    /** Layers by their label ({@code layer 2 (dense 64)}), activations by the layer they follow. */
    private String describe(int i) {
        Stage s = net.stages().get(i);
        if (s.layer() || i == 0) {
            return s.label();
        }
        return s.describe() + " after " + net.stages().get(i - 1).label();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** One batch's buffers: inputs, targets and the loss gradient. */
    private static final class Batch {
        final int rows;
        final Matrix x;
        final Matrix y;
        final Matrix grad;

        Batch(int rows, int inputs, int outputs) {
            this.rows = rows;
            this.x = new Matrix(rows, inputs);
            this.y = new Matrix(rows, outputs);
            this.grad = new Matrix(rows, outputs);
        }
    }
}
