package dev.tensile.train;

import java.util.List;

import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Minibatch training: each epoch reshuffles, then per batch runs augmentation, forward, loss, backward,
 * regularizer gradients and one optimizer step, then tells the callbacks. Batch buffers are allocated once.
 */
public final class TrainingLoop {

    private TrainingLoop() {
    }

    /**
     * @param dev optional (null) held-out set, evaluated in inference mode after every epoch
     */
    public static History fit(Network net, LabeledData train, LabeledData dev, TrainingConfig config) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (train.inputs().cols() != net.inputSize()) {
            throw new IllegalArgumentException("the model's input is " + net.inputSize()
                    + " features but the training data has " + train.inputs().cols());
        }
        int n = train.size();
        int batchSize = Math.min(config.batchSize(), n);
        int steps = (n + batchSize - 1) / batchSize;
        History history = new History();
        TrainingContext ctx = new TrainingContext(net, config.optimizer(), history, config.epochs(), steps, n);
        Rng rng = new Rng(config.seed());
        Rng shuffleRng = rng.derive("shuffle");
        Rng augmentRng = rng.derive("augment");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Matrix xFull = new Matrix(batchSize, train.inputs().cols());
        Matrix yFull = new Matrix(batchSize, train.targets().cols());
        Matrix xTail = null;
        Matrix yTail = null;
        int tail = n % batchSize;
        if (tail != 0) {
            xTail = new Matrix(tail, train.inputs().cols());
            yTail = new Matrix(tail, train.targets().cols());
        }
        Matrix gradFull = new Matrix(batchSize, net.outputSize());
        Matrix gradTail = tail == 0 ? null : new Matrix(tail, net.outputSize());
        List<Parameter> params = net.parameters();
        boolean classify = net.loss().classification();

        for (Callback.Listener cb : config.callbacks()) {
            cb.onTrainBegin(ctx);
        }
        int globalStep = 0;
        for (int epoch = 1; epoch <= config.epochs() && !ctx.stopRequested(); epoch++) {
            long start = System.nanoTime();
            for (Callback.Listener cb : config.callbacks()) {
                cb.onEpochBegin(ctx, epoch);
            }
            shuffleRng.shuffle(order);
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            int batchesRun = 0;
            for (int s = 0; s < steps && !ctx.stopRequested(); s++) {
                int from = s * batchSize;
                int rows = Math.min(batchSize, n - from);
                Matrix x = rows == batchSize ? xFull : xTail;
                Matrix y = rows == batchSize ? yFull : yTail;
                Matrix grad = rows == batchSize ? gradFull : gradTail;
                train.gather(order, from, x, y);
                for (Augmentation.Augmenter a : config.augmenters()) {
                    a.apply(x, y, augmentRng);
                }
                Matrix out = net.forward(x, true);
                if (classify) {
                    correct += Metrics.countCorrect(out, y);
                }
                double loss = net.loss().lossAndGradient(out, y, grad);
                for (Regularizer.Term r : config.weightRegularizers()) {
                    for (Parameter p : params) {
                        if (!p.isBias()) {
                            loss += r.penalty(p.value(), rows);
                        }
                    }
                }
                globalStep++;
                if (!Double.isFinite(loss)) {
                    throw new NonFiniteLossException(epoch, globalStep, loss);
                }
                net.backward(grad);
                for (Regularizer.Term r : config.weightRegularizers()) {
                    for (Parameter p : params) {
                        if (!p.isBias()) {
                            r.addGradient(p.value(), p.grad(), rows);
                        }
                    }
                }
                config.optimizer().step(params);
                lossSum += loss * rows;
                seen += rows;
                batchesRun++;
                for (Callback.Listener cb : config.callbacks()) {
                    cb.onBatchEnd(ctx, globalStep, loss);
                }
            }
            if (batchesRun == 0) {
                break;
            }
            double devLoss = Double.NaN;
            double devAcc = Double.NaN;
            if (dev != null && dev.size() > 0) {
                Metrics.Result r = Metrics.evaluate(net, dev, batchSize);
                devLoss = r.loss();
                devAcc = classify ? r.accuracy() : Double.NaN;
            }
            EpochLog log = new EpochLog(epoch, lossSum / seen, classify ? (double) correct / seen : Double.NaN,
                    devLoss, devAcc, config.optimizer().learningRate(), (System.nanoTime() - start) / 1e9);
            history.add(log);
            for (Callback.Listener cb : config.callbacks()) {
                cb.onEpochEnd(ctx, log);
            }
        }
        for (Callback.Listener cb : config.callbacks()) {
            cb.onTrainEnd(ctx);
        }
        return history;
    }
}
