/**
 * Model files: one zip archive that is also a NumPy {@code .npz} (one {@code .npy} per weight array, a
 * {@code model.json} manifest, a {@code SHA256SUMS} entry). Writes are atomic; reads verify every checksum and
 * check every size against the model description before allocating, and anything wrong with a file is one
 * {@link dev.tensile.io.ModelFileException}. Checkpoints ({@link dev.tensile.io.Checkpoints}) are model files that
 * also hold the training state, so that a resumed run repeats the uninterrupted one bit for bit. The format is
 * described in {@code docs/model-format.md}.
 */
package dev.tensile.io;
