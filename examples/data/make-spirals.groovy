// Writes spirals.csv: three interleaved spiral arms in the plane, 200 points each, with a little noise.
// A linear model cannot separate them (about 50% accuracy); a small network can.
// Run: ./tensile run examples/data/make-spirals.groovy
def rng = new java.util.Random(7)
def perArm = 200
def arms = ['red', 'green', 'blue']
def out = new File('examples/data/spirals.csv')   // run from the repository root
out.withWriter { w ->
    w.println 'x,y,arm'
    arms.eachWithIndex { arm, j ->
        perArm.times { i ->
            double r = (i + 1) / perArm
            double t = j * 4 + r * 4 + rng.nextGaussian() * 0.3
            w.println String.format(Locale.ROOT, '%.5f,%.5f,%s', r * Math.sin(t), r * Math.cos(t), arm)
        }
    }
}
println "wrote ${arms.size() * perArm} examples to $out"
