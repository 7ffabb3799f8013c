// The quickstart's spirals, trained on Spark: the only new line is `distributed`.
// Run: ./tensile run --spark 'local[2]' examples/spark-spirals.groovy  (README: Training on a Spark cluster)
data {
    train csv('data/spirals.csv', response: 'arm')
    split test: 0.2, dev: 0.1, seed: 3
}
model {
    input 2
    dense 64, activation: 'relu'
    dense 64, activation: 'relu'
    output 3, activation: 'softmax', loss: 'cross-entropy'
}
train {
    optimizer 'adam', lr: 0.01
    epochs param('epochs', 30)
    batch 32
    distributed workers: 2, averageEvery: 8      // master: from --spark, spark-submit, or local[*]
    callback 'progress', every: 10
}
evaluate()
