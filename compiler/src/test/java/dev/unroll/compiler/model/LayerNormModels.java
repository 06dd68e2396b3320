package dev.unroll.compiler.model;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import java.util.List;

/**
 * Random sequence models of layer-normalized cells, stacked and bidirectional, and the scans they plan into: the
 * cells that gradient properties check, each with a loss (the loss scan's own, or mean squared error on a layer's
 * output).
 */
public final class LayerNormModels {

    private LayerNormModels() {
    }

    /** A 1- or 2-layer model of LN-LSTM or LN-GRU layers, either direction or both, on real features. */
    public static Gen<Model> models() {
        return c -> {
            int hidden = Gens.integers(2, 3).generate(c);
            Layer one = Gens.booleans().generate(c) ? Layer.layerNormLstm(hidden) : Layer.layerNormGru(hidden);
            Layer layer = Gens.booleans().generate(c) ? one.bidirectional() : one;
            return Model.of(Encoding.features(2)).layers(Gens.integers(1, 2).generate(c), layer).head(Head.none())
                    .loss(Loss.MEAN_SQUARED_ERROR).build();
        };
    }

    /**
     * A scan with layer normalization of a random model, as a loss cell: the loss scan as planned, any other with
     * mean squared error attached to its layer output.
     */
    public static Gen<Cell> lossCells() {
        return c -> {
            List<Program.Scan> scans = Planner.plan(models().generate(c)).scans().stream()
                    .filter(s -> s.cell().params().stream().anyMatch(p -> p.name().contains("__g_")))
                    .toList();
            Cell cell = Gens.elements(scans).generate(c).cell();
            boolean hasLoss = cell.outputs().stream().anyMatch(p -> p.name().equals(LossCell.LOSS));
            return hasLoss ? cell : LossCell.attach(cell, Planner.LAYER_OUTPUT, Loss.MEAN_SQUARED_ERROR);
        };
    }
}
