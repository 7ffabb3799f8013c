// Fashion-MNIST: 70,000 28x28 grey-scale images of clothing in 10 classes (60,000 to train, 10,000 to test),
// read with Tribuo's IDX data source. Install the data once with:
//
//     sudo apt-get install dataset-fashion-mnist        (files land in /usr/share/datasets/fashion-mnist/)
//
// or point -Pdata=DIR at a folder holding the four *-ubyte.gz files. Then:
//
//     ./tensile run examples/fashion-mnist.groovy [-Pepochs=5]
def dir = param('data', '/usr/share/datasets/fashion-mnist')
def files = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz',
             't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].collect { new File(dir, it) }
if (!files.every { it.isFile() }) {
    println "Fashion-MNIST is not installed (no ${files.find { !it.isFile() }})."
    println "Install it with: sudo apt-get install dataset-fashion-mnist   (or run with -Pdata=DIR)"
    return                                        // nothing to do: exit status 0
}

data {
    train idx(files[0].path, files[1].path)       // pixel i (0..783) is input i; raw values 0..255
    test  idx(files[2].path, files[3].path)
    scale 'min-max'                               // fitted on the training set only: pixels to [0, 1]
    dev 0.1                                       // 6,000 training images held out to measure variance
}
model {
    input 784
    dense 256, activation: 'relu'
    dense 256, activation: 'relu'
    output 10, activation: 'softmax', loss: 'cross-entropy'
}
summary()
train {
    optimizer 'adam', lr: 1e-3
    epochs param('epochs', 5)
    batch 128
    seed 1
    callback 'progress', every: 1
}
evaluate()                                        // accuracy, per-class P/R/F1, confusion matrix on the test set
// The best error one can hope for. Crowd workers reached about 16% error on Fashion-MNIST, but the best published
// models reach about 5%, so 5% is the more useful yardstick for "avoidable" bias.
diagnose humanError: param('humanError', 0.05)
