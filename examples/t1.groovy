data {
    train csv('data/spirals.csv', response: 'arm')
    split test: 0.2, seed: 3
}
model {
    input 2
    dense 16, activaton: 'relu'
    output 3, activation: 'softmax', loss: 'cross-entropy'
}
train { epochs 1 }
