// Exploding and vanishing activations at initialization: the background text's 100-layer experiments.
// A stack of `layers` dense layers, `width` x `width` each (zero biases), is fed ONE standard-normal vector and only
// run forward (no training). probe() reports every layer's output: mean, std, and where float32 first overflowed.
//   ./tensile run examples/init-explosion.groovy              (about 5 seconds)
//   -Players=100 -Pwidth=256 -Pseed=1 -Pseeds=20 -Pout=out    to change the experiment
import dev.tensile.train.ForwardProbe

int layers = param('layers', 100)
int width = param('width', 256)
long seed = param('seed', 1)
int seeds = param('seeds', 20)                 // how many seeds for the spread of the xavier + tanh result
String out = param('out', 'out')

def schemes = [
    'normal std 1, linear'       : [init: [name: 'normal', std: 1.0], activation: 'identity'],
    ("normal std 1/sqrt($width), linear".toString()): [init: [name: 'normal', std: 1 / Math.sqrt(width)], activation: 'identity'],
    'xavier-uniform + tanh'      : [init: 'xavier-uniform', activation: 'tanh'],
    'he-normal + relu'           : [init: 'he-normal', activation: 'relu'],
    'xavier-uniform + relu'      : [init: 'xavier-uniform', activation: 'relu'],
]

// One deep model per scheme: the hidden stack is built by a plain Groovy loop. The output layer (10 classes) is only
// there because every model ends in one; the figures below are about the `layers` hidden layers.
def deep = { Map scheme ->
    model {
        input width
        for (int i = 0; i < layers; i++) {
            dense width, activation: scheme.activation, init: scheme.init
        }
        output 10, activation: 'softmax', loss: 'cross-entropy'
    }
}

def probes = [:]
schemes.each { name, scheme ->
    deep(scheme)
    probes[name] = probe(rows: 1, seed: seed)   // one 256-vector, like the text's torch.randn(256)
}

def fmt = { r -> r.finite() ? String.format('%10.3g', r.std()) : String.format('%10s', r.nan() > 0 ? 'NaN' : 'inf') }
println()
println "std of each layer's output (one standard-normal input vector, seed $seed):"
println String.format('%-6s', 'layer') + probes.keySet().withIndex().collect { n, i -> String.format('%10s', "(${i + 1})") }.join('')
def rows = [1] + (10..layers).step(10)
rows.each { l -> println String.format('%-6d', l) + probes.values().collect { fmt(it.layer(l)) }.join('') }
probes.keySet().eachWithIndex { n, i -> println "  (${i + 1}) $n" }
println()

probes.each { name, p ->
    def last = p.layer(layers)
    if (p.firstInfinite() > 0) {
        println "$name: first infinite output at layer ${p.firstInfinite()}, first NaN at layer ${p.firstNaN() ?: 'none'}" +
                " (largest finite |x| before: ${String.format('%.3g', p.layer(p.firstInfinite() - 1).maxAbs())})"
    } else {
        println "$name: all $layers layers finite; layer $layers mean ${String.format('%.4f', last.mean())}, std ${String.format('%.4g', last.std())}"
    }
}
// PyTorch's x.norm() in float32 sums squares in float32: that sum passes Float.MAX_VALUE (3.4e38) long before any
// element does. Sum x^2 = n (std^2 + mean^2) exactly, so the probe's double-precision stats tell where:
def exploding = probes['normal std 1, linear']
def normOverflow = exploding.layers().find { r -> !r.finite() || width * (r.std() * r.std() + r.mean() * r.mean()) > Float.MAX_VALUE }
println "normal std 1, linear: a float32 sum of squares (the norm) would overflow from layer ${normOverflow.index()}" +
        " (our statistics, in double, stay finite up to layer ${exploding.firstNonFinite() - 1})"
def relu = probes['he-normal + relu']
def vanishing = probes['xavier-uniform + relu']
int mid = Math.min(50, layers)
println "std at layer $mid: he-normal + relu ${String.format('%.3g', relu.layer(mid).std())}, " +
        "xavier-uniform + relu ${String.format('%.3g', vanishing.layer(mid).std())}"

// The text's single run gave mean 0.0047, std 0.0452 for xavier + tanh; one vector is a noisy measurement:
if (seeds > 1) {
    deep(schemes['xavier-uniform + tanh'])
    def stds = (1..seeds).collect { s -> probe(rows: 1, seed: s).layer(layers).std() }
    println "xavier-uniform + tanh over $seeds seeds: layer-$layers std from ${String.format('%.3f', stds.min())}" +
            " to ${String.format('%.3f', stds.max())} (median ${String.format('%.3f', stds.sort()[stds.size().intdiv(2)])})"
}

// the plot shows the hidden stack only (the probes also report the output layer, as layer ${layers + 1})
def hiddenOnly = probes.collectEntries { name, p -> [name, new ForwardProbe.Result(p.layers().take(layers), p.firstInfinite(), p.firstNaN())] }
plot 'activations', probes: hiddenOnly, to: "$out/init-explosion.png", width: 640, height: 420,
        title: "std of each layer's output, ${layers} layers of ${width}x${width}"
