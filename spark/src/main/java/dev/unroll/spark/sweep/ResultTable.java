package dev.unroll.spark.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a sweep's results, one row per configuration: {@code id}, every {@link SweepOption} (typed), then
 * {@code status}, the per-epoch {@code train_perplexity} and {@code validation_perplexity}, {@code
 * final_validation_perplexity}, {@code seconds}, {@code tokens_per_second} and {@code checkpoint}. In the CSV a
 * per-epoch list is one field with the values separated by {@code ;}, and every number is written so that it reads
 * back to the same double.
 */
public final class ResultTable {

    private ResultTable() {
    }

    /** The Spark schema of the rows. */
    public static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("id", DataTypes.IntegerType, false));
        for (SweepOption o : SweepOption.values()) {
            fields.add(DataTypes.createStructField(o.key(), type(o), false));
        }
        DataType perEpoch = DataTypes.createArrayType(DataTypes.DoubleType, false);
        fields.add(DataTypes.createStructField("status", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("train_perplexity", perEpoch, false));
        fields.add(DataTypes.createStructField("validation_perplexity", perEpoch, false));
        fields.add(DataTypes.createStructField("final_validation_perplexity", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("seconds", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("tokens_per_second", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("checkpoint", DataTypes.StringType, false));
        return DataTypes.createStructType(fields);
    }

    private static DataType type(SweepOption o) {
        return switch (o) {
            case CELL, OPTIMIZER, TRUNCATION -> DataTypes.StringType;
            case HIDDEN, LAYERS, EPOCHS, BATCH, STEPS -> DataTypes.IntegerType;
            case LR, DROPOUT, CLIP -> DataTypes.DoubleType;
            case SEED -> DataTypes.LongType;
        };
    }

    private static Object value(SweepOption o, String text) {
        return switch (o) {
            case CELL, OPTIMIZER, TRUNCATION -> text;
            case HIDDEN, LAYERS, EPOCHS, BATCH, STEPS -> Integer.valueOf(text);
            case LR, DROPOUT, CLIP -> Double.valueOf(text);
            case SEED -> Long.valueOf(text);
        };
    }

    /** The row of {@code r}, in {@link #schema()}'s order. */
    public static Row row(SweepResult r) {
        List<Object> cells = new ArrayList<>();
        cells.add(r.config().id());
        for (SweepOption o : SweepOption.values()) {
            cells.add(value(o, r.config().text(o)));
        }
        cells.add(r.status());
        cells.add(r.trainPerplexity().toArray(new Double[0]));
        cells.add(r.validationPerplexity().toArray(new Double[0]));
        cells.add(r.finalValidationPerplexity());
        cells.add(r.seconds());
        cells.add(r.tokensPerSecond());
        cells.add(r.checkpoint());
        return RowFactory.create(cells.toArray());
    }

    /** The CSV of {@code results}: a header line, then one line per result. */
    public static String csv(List<SweepResult> results) {
        StringBuilder out = new StringBuilder(String.join(",", schema().fieldNames())).append('\n');
        for (SweepResult r : results) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(r.config().id()));
            for (SweepOption o : SweepOption.values()) {
                cells.add(quote(r.config().text(o)));
            }
            cells.add(quote(r.status()));
            cells.add(joined(r.trainPerplexity()));
            cells.add(joined(r.validationPerplexity()));
            cells.add(Double.toString(r.finalValidationPerplexity()));
            cells.add(Double.toString(r.seconds()));
            cells.add(Double.toString(r.tokensPerSecond()));
            cells.add(quote(r.checkpoint()));
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String joined(List<Double> xs) {
        return xs.stream().map(d -> Double.toString(d)).collect(Collectors.joining(";"));
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String quote(String s) {
        boolean plain = s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
