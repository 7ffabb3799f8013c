// Fashion-MNIST with a convolutional network (benchmark B3's network): the 28x28 grey-scale images keep their
// shape [28, 28, 1] (height, width, channels), two 3x3 convolutions learn local filters, max pooling halves the
// resolution after each, and a dense layer classifies. Install the data once with:
//
//     sudo apt-get install dataset-fashion-mnist        (files land in /usr/share/datasets/fashion-mnist/)
//
// or point -Pdata=DIR at a folder holding the four *-ubyte.gz files. Then:
//
//     ./tensile run examples/fashion-mnist-cnn.groovy [-Pepochs=3] [-Paugment=true]
def dir = param('data', '/usr/share/datasets/fashion-mnist')
def files = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz',
             't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].collect { new File(dir, it) }
if (!files.every { it.isFile() }) {
    println "Fashion-MNIST is not installed (no ${files.find { !it.isFile() }})."
    println "Install it with: sudo apt-get install dataset-fashion-mnist   (or run with -Pdata=DIR)"
    return                                        // nothing to do: exit status 0
}

data {
    train idx(files[0].path, files[1].path)       // images [28, 28, 1], raw values 0..255
    test  idx(files[2].path, files[3].path)
    scale 'min-max'                               // fitted on the training set only: pixels to [0, 1]
}
model {
    input 28, 28, 1                               // checked against the data's image shape
    conv 32, kernel: 3, padding: 'same', activation: 'relu'     // He-normal, fan-in 3x3x1
    pool 'max', size: 2                                         // 14x14x32
    conv 64, kernel: 3, padding: 'same', activation: 'relu'
    pool 'max', size: 2                                         // 7x7x64
    flatten()                                                   // 3136
    dense 128, activation: 'relu'
    output 10, activation: 'softmax', loss: 'cross-entropy'
}
summary()                                         // every layer's output shape and parameter count
train {
    optimizer 'adam', lr: 1e-3
    epochs param('epochs', 3)
    batch 128
    seed 1
    if (param('augment', 'false') == 'true') {
        augment 'flip-horizontal', probability: 0.5   // clothes are left-right symmetric
        augment 'translate', pixels: 2             // shifts of up to 2 pixels
    }
    callback 'progress', every: 1
}
evaluate()
plot 'filters', layer: 1, to: 'cnn-filters.png'                   // the 32 learned 3x3 kernels
plot 'feature-maps', layer: 2, image: 0, to: 'cnn-feature-maps.png'  // what the first pool passes on, image 0
