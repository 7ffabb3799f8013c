// Quick start: classify three interleaved spirals (examples/data/spirals.csv, 600 points, shipped in the repo).
data {
    train csv('data/spirals.csv', response: 'arm')
    split test: 0.2, dev: 0.1, seed: 3
}
model {
    input 2
    dense 64, activation: 'relu'          // no init given: relu asks for he-normal
    dense 64, activation: 'relu'
    output 3, activation: 'softmax', loss: 'cross-entropy'
}
summary()
train {
    optimizer 'adam', lr: 0.01
    epochs param('epochs', 60)
    batch 32
    seed 1
    callback 'progress', every: 10
}
evaluate()
