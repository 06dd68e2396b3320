package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.UnrollException;

/** The messages of the checkpoint reader's failures: which file, what is wrong with it and what to do. */
final class Problems {

    private Problems() {
    }

    static UnrollException truncated(String where, int actual, String expected) {
        return new UnrollException("Checkpoint " + where + " is truncated: it has " + actual + " bytes but needs "
                + expected + " (was a copy or save interrupted?); use an intact checkpoint, e.g. the previous one,"
                + " or train again");
    }

    static UnrollException foreign(String where, byte[] bytes) {
        return new UnrollException("Checkpoint " + where + " is not an Unroll checkpoint: it starts with "
                + hex(bytes, CheckpointCodec.MAGIC.length) + " but Unroll checkpoints start with "
                + hex(CheckpointCodec.MAGIC, CheckpointCodec.MAGIC.length) + "; pass a file written by"
                + " Checkpoints.write (e.g. unroll train --checkpoint)");
    }

    /** A version this build cannot read; {@code first} is the first version Unroll ever wrote. */
    static UnrollException version(String where, int version, int supported, int first) {
        String problem;
        if (version > supported) {
            problem = "was written by a newer version of Unroll (format version " + version + "; this build reads"
                    + " version " + supported + "); upgrade Unroll to read it";
        } else if (version >= first) {
            problem = "was written by an older version of Unroll (format version " + version + "; this build reads"
                    + " version " + supported + "); read it with the Unroll version that wrote it, or train again";
        } else {
            problem = "has format version " + version + ", which no version of Unroll writes (this build reads"
                    + " version " + supported + "); the file is damaged or was not written by Unroll";
        }
        return new UnrollException("Checkpoint " + where + " is incompatible: it " + problem);
    }

    static UnrollException corrupted(String where, String problem) {
        return new UnrollException("Checkpoint " + where + " is corrupted: " + problem + "; use an intact"
                + " checkpoint, e.g. the previous one, or train again");
    }

    private static String hex(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        return bytes.length == 0 ? "nothing" : out.toString();
    }
}
