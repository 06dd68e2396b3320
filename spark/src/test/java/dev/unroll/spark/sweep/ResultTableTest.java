package dev.unroll.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A result's CSV line quotes what needs quoting and writes numbers that read back exactly; its row is typed. */
class ResultTableTest {

    private static final SweepConfig CONFIG = SweepGrid.parse(List.of("hidden=8", "truncation=random:0.5"), "t")
            .configurations().get(0);

    @Test
    void aStatusWithCommasAndQuotesIsOneQuotedField() {
        SweepResult r = new SweepResult(CONFIG, "diverged: the loss, \"NaN\", at step 3", List.of(1.0 / 3, 2.5),
                List.of(0.1, Double.POSITIVE_INFINITY), 1.5, 1000, "");
        String line = ResultTable.csv(List.of(r)).lines().toList().get(1);
        assertEquals("0,lstm,8,1,1,sgd,random:0.5,0,1,30,32,35,42,\"diverged: the loss, \"\"NaN\"\", at step 3\","
                + "0.3333333333333333;2.5,0.1;Infinity,Infinity,1.5,1000.0,", line);
    }

    @Test
    void theRowHasTheSchemasTypes() {
        SweepResult r = new SweepResult(CONFIG, SweepResult.OK, List.of(9.0), List.of(8.0), 2, 3, "c.ckpt");
        Row row = ResultTable.row(r);
        assertEquals(ResultTable.schema().size(), row.size());
        assertEquals(8, row.getInt(ResultTable.schema().fieldIndex("hidden")));
        assertEquals(42L, row.getLong(ResultTable.schema().fieldIndex("seed")));
        assertEquals(8.0, row.getDouble(ResultTable.schema().fieldIndex("final_validation_perplexity")));
    }
}
