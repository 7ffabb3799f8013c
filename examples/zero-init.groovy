// Why not initialize weights to zero? Symmetry. If every hidden unit starts with the same incoming weights AND the
// weights leaving them are equal too, every unit computes the same thing, receives the same gradient, and stays a
// copy of the others however long you train: the layer is one unit wide. We train the same 2-16-3 network on the
// spirals four ways and measure how different the hidden units became: the spread (std across units) of each
// incoming weight and of the biases, maximized over the inputs.
//   ./tensile run examples/zero-init.groovy          (a few seconds)
int nEpochs = param('epochs', 60)
int hidden = param('hidden', 16)

data {
    train csv('data/spirals.csv', response: 'arm')
    split dev: 0.2, seed: 3
}

// Spread across units: for every input i, the std over units u of W[i][u]; then the largest. 0 means all units equal.
def spread = { w, b ->
    def stdOf = { List<Double> xs -> double m = xs.sum() / xs.size(); Math.sqrt(xs.sum { (it - m) * (it - m) } / xs.size()) }
    double weights = (0..<w.rows()).collect { i -> stdOf((0..<w.cols()).collect { u -> (double) w.get(i, u) }) }.max()
    double biases = stdOf(b.data().collect { (double) it })
    double size = (0..<w.size()).collect { Math.abs(w.data()[it]) }.max()
    [weights: weights, biases: biases, largest: size]
}

def cases = [
    'zeros everywhere, tanh'          : [act: 'tanh', hiddenInit: 'zeros', outInit: 'zeros'],
    'zeros everywhere, sigmoid'       : [act: 'sigmoid', hiddenInit: 'zeros', outInit: 'zeros'],
    'zeros hidden, random output'     : [act: 'tanh', hiddenInit: 'zeros', outInit: 'xavier-uniform'],
    'random (xavier-uniform), tanh'   : [act: 'tanh', hiddenInit: 'xavier-uniform', outInit: 'xavier-uniform'],
]
def results = [:]
cases.each { name, c ->
    model {
        input 2
        dense hidden, activation: c.act, init: c.hiddenInit
        output 3, activation: 'softmax', loss: 'cross-entropy', init: c.outInit
    }
    train {
        optimizer 'adam', lr: 0.02
        epochs nEpochs
        batch 32
        seed 1
        callback 'progress', every: nEpochs
    }
    def hiddenLayer = trainedModel().network().parameters()   // layer 1's weights and bias come first
    results[name] = spread(hiddenLayer[0].value(), hiddenLayer[1].value()) + [dev: errorRates().dev]
}

println()
println String.format('%-32s %14s %14s %14s %10s', 'initialization', 'weight spread', 'bias spread', 'largest |w|', 'dev error')
results.each { name, r ->
    println String.format('%-32s %14.3g %14.3g %14.3g %10.3f', name, r.weights, r.biases, r.largest, r.dev)
}
println """
zeros everywhere, tanh: tanh(0) = 0, so the output weights get no gradient, and with output weights at 0 nor do the
  hidden ones: nothing but the output biases ever moves (the text's "gradients will be zero everywhere").
zeros everywhere, sigmoid: sigmoid(0) = 0.5, so everything learns, but every unit gets the same update: the spread
  stays exactly 0 and ${hidden} units act as one.
zeros hidden, random output: the random weights after the units send each one a different gradient, so they DO
  drift apart; zeros are only harmless when something downstream breaks the symmetry.
random: the units differ from the start and the network uses all of them."""
