// Overfitting, diagnosed and cured four ways. Two interleaved half-moons blurred by noise so that they overlap: even
// the best possible classifier gets some fresh points wrong (we compute that Bayes error below, our stand-in for
// "human-level" error). A 2-64-64-2 network has far more capacity than 59 training points need, and memorises
// them. We train it plainly, then with L2, dropout, early stopping and input noise (augmentation), compare train,
// dev and test error, and plot the decision regions side by side and the loss curves.
//   ./tensile run examples/overfitting.groovy          (about 10 seconds)
//   -Pepochs=300 -Ptrain=60 -Pdev=500 -PdataSeed=7 -Pspread=0.5 -Phidden=64 -Pl2=0.3 -Pdropout=0.6 -PinputNoise=0.3 -Pout=out
int nTrain = param('train', 60)         // about this many training points (Tribuo's split keeps 59): easy to memorise
int nDev = param('dev', 500)            // many dev points: a dev error precise to about 0.02
int nEpochs = param('epochs', 300)
long dataSeed = param('dataSeed', 7)
double spread = param('spread', 0.5)    // std of the noise added to each coordinate
int hidden = param('hidden', 64)
double l2 = param('l2', 0.3)
double rate = param('dropout', 0.6)
double inputNoise = param('inputNoise', 0.3)
List cures = param('cures', 'l2,dropout,early-stopping,input-noise').split(',')*.trim()   // which cures to try
String out = param('out', 'out')

// The data, generated here with a seed: plain Groovy writing CSV files that Tribuo then reads.
def moon = { boolean upper, double t -> upper ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)] }
def moons = { int count, Random rnd ->
    (0..<count).collect {
        boolean upper = rnd.nextBoolean()
        def (x, y) = moon(upper, Math.PI * rnd.nextDouble())
        [x + spread * rnd.nextGaussian(), y + spread * rnd.nextGaussian(), upper ? 'upper' : 'lower']
    }
}
def csvFile = { String name, List rows ->
    File f = File.createTempFile(name, '.csv')
    f.deleteOnExit()
    f.text = 'x,y,moon\n' + rows.collect { it.join(',') }.join('\n') + '\n'
    f.absolutePath
}
def rnd = new Random(dataSeed)
def testRows = moons(2000, rnd)
String trainFile = csvFile('moons-train', moons(nTrain + nDev, rnd))
String testFile = csvFile('moons-test', testRows)

// The Bayes classifier knows how the points were made: it picks the moon with the larger likelihood, averaging the
// Gaussian blur over the moon's arc. Its error on the test points is the floor no model can beat.
def likelihood = { boolean upper, double px, double py ->
    (0..<200).sum { k ->
        def (x, y) = moon(upper, Math.PI * (k + 0.5) / 200)
        Math.exp(-((px - x) * (px - x) + (py - y) * (py - y)) / (2 * spread * spread))
    }
}
double bayesError = testRows.count { r -> (likelihood(true, r[0], r[1]) > likelihood(false, r[0], r[1])) != (r[2] == 'upper') } / testRows.size()

data {
    train csv(trainFile, response: 'moon')
    test csv(testFile, response: 'moon')      // 2000 fresh points: the honest final number
    dev nDev / (nTrain + nDev)                // most of the training file is held out as the dev set
}

def network = { double dropoutRate ->
    model {
        input 2
        dense hidden, activation: 'relu'
        if (dropoutRate > 0) dropout dropoutRate
        dense hidden, activation: 'relu'
        if (dropoutRate > 0) dropout dropoutRate
        output 2, activation: 'softmax', loss: 'cross-entropy'
    }
}

def models = [:]
def errors = [:]
def fit = { String name, Map cure ->
    network(cure.dropout ?: 0.0)
    train {
        optimizer 'adam', lr: 0.01
        epochs nEpochs
        batch 20
        seed 1
        callback 'progress', every: nEpochs
        if (cure.l2) regularizer 'l2', lambda: cure.l2
        if (cure.noise) augment 'gaussian-noise', std: cure.noise
        if (cure.patience) callback 'early-stopping', patience: cure.patience, restoreBest: true
    }
    models[name] = trainedModel()
    errors[name] = errorRates()
    println String.format('%s: train error %.3f, dev error %.3f', name, errors[name].train, errors[name].dev)
}

fit('no cure', [:])
// The text's diagnosis: avoidable bias is train error above the best achievable (here the Bayes error, standing in
// for human-level error), variance is dev error above train error. (Train error BELOW the Bayes error means the
// network has learned the noise.)
diagnose humanError: bayesError

if ('l2' in cures) fit('L2', [l2: l2])
if ('dropout' in cures) fit('dropout', [dropout: rate])
if ('early-stopping' in cures) fit('early stopping', [patience: 20])
if ('input-noise' in cures) fit('input noise', [noise: inputNoise])

println()
println String.format('%-16s %8s %8s %8s   (Bayes error %.3f)', 'model', 'train', 'dev', 'test', bayesError)
errors.each { name, e -> println String.format('%-16s %8.3f %8.3f %8.3f', name, e.train, e.dev, e.test) }
println "epochs run: " + models.collect { k, m -> "$k ${m.history().epochs().size()}" }.join(', ')

plot 'boundary', models: models, columns: models.size(), width: 330, height: 330, to: "$out/overfitting-boundaries.png"
plot 'loss', models: models, columns: models.size(), width: 330, height: 260, to: "$out/overfitting-loss.png"
