// Writes friedman.csv: Friedman's regression problem #1 (Friedman 1991; scikit-learn's make_friedman1), 500 rows.
// Five uniform inputs x1..x5 in [0, 1] drive y = 10 sin(pi x1 x2) + 20 (x3 - 0.5)^2 + 10 x4 + 5 x5 + noise
// (standard normal noise, so the best possible RMSE is about 1.0); x6..x8 are uniform inputs y ignores.
// Run: ./tensile run examples/data/make-friedman.groovy
def rng = new java.util.Random(11)
def rows = 500
def out = new File('examples/data/friedman.csv')   // run from the repository root
out.withWriter { w ->
    w.println 'x1,x2,x3,x4,x5,x6,x7,x8,y'
    rows.times {
        double[] x = (0..<8).collect { rng.nextDouble() } as double[]
        double y = 10 * Math.sin(Math.PI * x[0] * x[1]) + 20 * (x[2] - 0.5) ** 2 + 10 * x[3] + 5 * x[4] + rng.nextGaussian()
        w.println((x.collect { String.format(Locale.ROOT, '%.5f', it) } + String.format(Locale.ROOT, '%.4f', y)).join(','))
    }
}
println "wrote $rows examples to $out"
