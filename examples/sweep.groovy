// A hyperparameter sweep is a plain Groovy loop around train { }: learning rate x L2 strength on the spirals, with
// a table of dev accuracies. Pick on the dev set; only then look at the test set, once.
//   ./tensile run examples/sweep.groovy                          (about 5 seconds)
//   -Pepochs=30 -Plrs=0.0001,0.001,0.01,0.1 -Plambdas=0,0.01,0.1,1
int nEpochs = param('epochs', 30)
List<Double> lrs = param('lrs', '0.0001,0.001,0.01,0.1').split(',').collect { it as double }
List<Double> lambdas = param('lambdas', '0,0.01,0.1,1').split(',').collect { it as double }

data {
    train csv('data/spirals.csv', response: 'arm')
    split test: 0.2, dev: 0.2, seed: 3
}
model {
    input 2
    dense 64, activation: 'relu'
    dense 64, activation: 'relu'
    output 3, activation: 'softmax', loss: 'cross-entropy'
}

def dev = [:]
def best = null
for (double lr in lrs) {
    for (double lambda in lambdas) {
        train {
            optimizer 'adam', lr: lr
            epochs nEpochs
            batch 32
            seed 1
            callback 'progress', every: nEpochs
            if (lambda > 0) regularizer 'l2', lambda: lambda
        }
        double acc = 1 - errorRates().dev
        dev[[lr, lambda]] = acc
        if (best == null || acc > best.acc) {
            best = [lr: lr, lambda: lambda, acc: acc, test: 1 - errorRates().test]
        }
    }
}

println()
println "dev accuracy after $nEpochs epochs (rows: learning rate, columns: L2 lambda)"
def plain = { double v -> (v as BigDecimal).stripTrailingZeros().toPlainString() }
println String.format('%-10s', 'lr') + lambdas.collect { String.format('%10s', plain(it)) }.join('')
lrs.each { lr -> println String.format('%-10s', plain(lr)) + lambdas.collect { String.format('%10.3f', dev[[lr, it]]) }.join('') }
println "best on dev: lr ${plain(best.lr)}, lambda ${plain(best.lambda)}: dev accuracy ${String.format('%.3f', best.acc)}," +
        " test accuracy ${String.format('%.3f', best.test)}"
