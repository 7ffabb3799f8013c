// Cross-entropy when the output saturates. A network that is confidently WRONG puts a probability that rounds to 0 on
// the true class; the textbook formula -y log(p) - (1-y) log(1-p) then takes log(0) = -infinity and the loss is inf
// (and the next step's gradients NaN). Tensile's SoftmaxCrossEntropy never forms p: it computes log p straight from
// the logits (z_i - max - log sum exp(z_j - max), in double), so the loss stays finite and exact.
// No training here: a few numbers, computed by calling the framework's Java class directly from Groovy.
//   ./tensile run examples/cross-entropy.groovy
import dev.tensile.nn.SoftmaxCrossEntropy
import dev.tensile.tensor.Matrix

def ours = new SoftmaxCrossEntropy()
// Two classes; the network's logits are [z, 0] but the true class is the second one: the further z goes, the more
// confidently wrong the network is. The exact loss is log(1 + e^z), about z for large z.
def row = { double z -> Matrix.of([[(float) z, 0f]] as float[][]) }
def target = Matrix.of([[0f, 1f]] as float[][])

// The naive way, as the text writes it. With a sigmoid output q = sigmoid(z) = P(first class) and y = 0, the loss is
// -log(1 - q): in float32 q rounds to exactly 1 once z reaches about 17. Computing p = P(true class) = 1/(1 + e^z)
// directly holds out longer, until e^z overflows float32 (z about 89), or double (z about 710).
def naive1mq = { double z ->
    float q = (float) (1f / (1f + (float) Math.exp((float) -z)))      // float32, like the network's outputs
    (float) -Math.log(1f - q)
}
def naive32 = { double z ->
    float p = (float) (1f / (1f + (float) Math.exp((float) z)))
    (float) -Math.log(p)
}
def naive64 = { double z -> -Math.log(1.0 / (1.0 + Math.exp(z))) }
def exact = { double z -> Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) }

println String.format('%8s %14s %14s %14s %14s %14s', 'z', 'naive 1-q f32', 'naive p f32', 'naive p double', 'Tensile', 'exact')
def grads = []
[1, 10, 17, 18, 50, 88, 89, 200, 709, 710, 1000, 1e30].each { z ->
    def grad = new Matrix(1, 2)
    double loss = ours.lossAndGradient(row(z), target, grad)
    grads << grad
    println String.format('%8.3g %14.6g %14.6g %14.6g %14.6g %14.6g', (double) z, naive1mq(z), naive32(z), naive64(z), loss, exact(z))
}
println()
println "Tensile's gradient (softmax - target) at z = 1e30: " + grads.last().data().collect { String.format('%.3f', it) } +
        " (finite, and as large as it can be: it pushes the wrong logit down)"
println """
The textbook loss of a float32 sigmoid output drifts from z = 10 and is infinite from z = 18 on; even computed as -log(1/(1 + e^z)) it
overflows at z = 89 in float32 and z = 710 in double. Tensile's equals the exact value for any finite logits."""
