// Regression: predicting a number. Friedman's problem #1 (data/make-friedman.groovy): y depends on x1..x5 through a
// sine, a square and two linear terms, x6..x8 are noise, and y's own noise has standard deviation 1, so an RMSE of
// about 1.0 is the best any model can do: the human-level error diagnose compares with.
// A loss: 'mse' output makes the response a number (here read as labels first, then as numbers for the loss).
data {
    train csv('data/friedman.csv', response: 'y')
    split test: 0.2, dev: 0.1, seed: 3
    scale 'z-score'
}
model {
    input 8
    dense 64, activation: 'tanh'
    dense 32, activation: 'tanh'
    output 1, activation: 'identity', loss: 'mse'
}
train {
    optimizer 'adam', lr: 0.005
    epochs param('epochs', 200)
    batch 32
    callback 'progress', every: 50
}
evaluate()                              // Tribuo's RMSE, MAE and R² on the test set
diagnose humanError: 1.0                // RMSEs in y's units; the noise alone gives 1.0
y = predict(x1: 0.5, x2: 0.5, x3: 0.5, x4: 0.5, x5: 0.5, x6: 0.2, x7: 0.7, x8: 0.9)
printf('predicted y at x1..x5 = 0.5: %.2f (the noiseless function gives %.2f)%n', y,
        10 * Math.sin(Math.PI * 0.25) + 10 * 0.5 + 5 * 0.5)
