package dev.unroll.runtime.train;

import java.util.List;

/** A progress listener that appends every training step's loss to a list, for tests that compare trajectories. */
record StepLosses(List<Double> losses) implements Trainer.Progress {

    @Override
    public void update(int done, int total) {
    }

    @Override
    public void step(int epoch, int minibatch, double loss, double gradientNorm, boolean clipped) {
        losses.add(loss);
    }
}
