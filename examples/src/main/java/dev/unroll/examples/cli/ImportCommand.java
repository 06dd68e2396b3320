package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.checkpoint.NpzReader;
import dev.unroll.runtime.interop.TorchCell;
import dev.unroll.runtime.interop.TorchImport;
import dev.unroll.runtime.text.Vocab;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Imports a PyTorch language model's state dict into a checkpoint: a command rather than a training flag, because
 * the result is a complete model, which {@code generate} reads as it is and {@code train --resume} fine-tunes.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import the weights of a PyTorch language model (nn.Embedding or one-hot inputs, nn.RNN,"
                + " nn.LSTM or nn.GRU, an output nn.Linear) from a state dict saved with numpy.savez into a"
                + " checkpoint for 'unroll generate' or 'unroll train --resume' (docs/INTEROP.md).",
            "The model flags must describe the PyTorch model (nn.GRU: --cell gru-torch). The vocabulary is the"
                    + " text array 'vocab' of the file, or else the one train builds from the text flags."})
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--torch", required = true, paramLabel = "FILE.npz", description = "The state dict, e.g."
            + " numpy.savez(f, vocab=numpy.array(tokens), **{k: v.numpy() for k, v in model.state_dict().items()}).")
    Path torch;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "The checkpoint to write.")
    Path checkpoint;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() {
        model.validate();
        dataOptions.validate();
        training.validate();
        TorchCell cell = torchCell(model.cell);
        new PathFlags().input("--torch", torch).input("--text", dataOptions.text).output("--checkpoint", checkpoint)
                .check();
        NpzReader.Contents contents = NpzReader.contents(torch);
        Vocab vocab = vocabulary(contents.texts().get(NpzExport.VOCAB));
        Program program = Planner.plan(model.languageModel(vocab.size()));
        ParamStore params;
        try {
            params = TorchImport.params(program, cell, contents.numbers(), "--torch " + torch);
        } catch (UnrollException e) {
            throw new UnrollException(e.getMessage() + " (the model: " + model.describe() + ", vocabulary "
                    + vocab.size() + ")", e);
        }
        Map<String, String> flags = new LinkedHashMap<>(model.flags());
        flags.putAll(dataOptions.flags());
        flags.putAll(training.flags());
        TrainingState state = new TrainingState(params, Trainer.newOptimizer(training.config(
                training.maxLoss(vocab.size()))), 0);
        Checkpoints.write(checkpoint, LmCheckpoint.of(flags, state, vocab.tokens()));
        System.out.printf("imported %s weights (%s, vocabulary %d) from %s into %s%n", cell.module(),
                model.describe(), vocab.size(), torch, checkpoint);
        return 0;
    }

    /** The PyTorch module whose weights load into {@code --cell}'s layers. */
    static TorchCell torchCell(String cell) {
        return switch (cell) {
            case "rnn" -> TorchCell.RNN;
            case "lstm" -> TorchCell.LSTM;
            case "gru-torch" -> TorchCell.GRU;
            case "gru" -> throw new UnrollException("--cell gru is d2l's GRU, (R ⊙ H) W_hh inside the candidate,"
                    + " which computes another function than nn.GRU, R ⊙ (H W_hn + b_hn); import nn.GRU weights"
                    + " with --cell gru-torch");
            default -> throw new UnrollException("--cell " + cell + ": PyTorch weights load only into the standard"
                    + " cells rnn (nn.RNN), lstm (nn.LSTM) and gru-torch (nn.GRU); a custom cell has no mapping");
        };
    }

    /** The file's vocabulary, or without one the vocabulary train builds from the text flags. */
    private Vocab vocabulary(List<String> tokens) {
        if (tokens == null) {
            return dataOptions.prepare(dataOptions.corpus(), 0).vocab();
        }
        try {
            return Vocab.fromTokens(tokens);
        } catch (UnrollException e) {
            throw new UnrollException("--torch " + torch + ": its text array '" + NpzExport.VOCAB + "' is not a"
                    + " vocabulary Unroll can use (" + e.getMessage() + "); put '" + Vocab.UNKNOWN + "' first and"
                    + " every token once", e);
        }
    }
}
