package dev.unroll.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PerplexityPlotTest {

    @TempDir
    Path dir;

    private static final List<Double> TRAIN = List.of(27.1, 17.5, 12.0, 9.8, 8.2);
    private static final List<Double> VALIDATION = List.of(25.0, 16.9, 12.4, 10.9, 10.1);

    private static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    private static List<double[]> points(Element polyline) {
        List<double[]> points = new ArrayList<>();
        for (String pair : polyline.getAttribute("points").split(" ")) {
            String[] xy = pair.split(",");
            points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
    }

    @Test
    void writesWellFormedSvgWithOnePolylinePerSeries() throws Exception {
        Path file = dir.resolve("perplexity.svg");
        PerplexityPlot.write(file, TRAIN, VALIDATION);
        Document svg = parse(Files.readAllBytes(file));
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        NodeList polylines = svg.getElementsByTagName("polyline");
        assertEquals(2, polylines.getLength());
        assertEquals("training", ((Element) polylines.item(0)).getAttribute("class"));
        assertEquals(5, points((Element) polylines.item(0)).size());
        assertEquals(5, points((Element) polylines.item(1)).size());
        String text = Files.readString(file);
        for (String label : List.of(">epoch<", ">perplexity<", ">training<", ">validation<", ">Perplexity per")) {
            assertTrue(text.contains(label), label);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "written atomically, no temporary file left");
        }
    }

    @Test
    void pointsGoRightWithEpochsAndUpWithPerplexity() throws Exception {
        Document svg = parse(PerplexityPlot.svg(TRAIN, VALIDATION).getBytes(StandardCharsets.UTF_8));
        List<double[]> train = points((Element) svg.getElementsByTagName("polyline").item(0));
        List<double[]> validation = points((Element) svg.getElementsByTagName("polyline").item(1));
        for (int i = 1; i < train.size(); i++) {
            assertTrue(train.get(i)[0] > train.get(i - 1)[0], "x grows with the epoch");
            assertTrue(train.get(i)[1] > train.get(i - 1)[1], "falling perplexity is drawn lower (larger y)");
        }
        assertTrue(validation.get(4)[1] < train.get(4)[1], "higher validation perplexity is drawn higher");
        for (double[] p : train) {
            assertTrue(p[0] >= 0 && p[0] <= 720 && p[1] >= 0 && p[1] <= 440, "inside the canvas");
        }
    }

    @Test
    void withoutValidationThereIsOneSeries() throws Exception {
        Document svg = parse(PerplexityPlot.svg(List.of(5.0), List.of()).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, svg.getElementsByTagName("polyline").getLength());
        assertEquals(1, svg.getElementsByTagName("circle").getLength(), "a single epoch is still visible");
        assertTrue(!PerplexityPlot.svg(List.of(5.0), List.of()).contains("validation"));
    }

    @Test
    void badSeriesAreRejectedWithTheEpoch() {
        assertEquals("PerplexityPlot: perplexities must be finite and > 0, but the validation perplexity of epoch 2 is"
                + " Infinity; training diverged, so lower the learning rate or clip gradients (--clip)",
                assertThrows(UnrollException.class, () -> PerplexityPlot.svg(List.of(3.0, 2.0),
                        List.of(3.0, Double.POSITIVE_INFINITY))).getMessage());
        assertTrue(assertThrows(UnrollException.class, () -> PerplexityPlot.svg(List.of(3.0, 2.0), List.of(3.0)))
                .getMessage().contains("one value per epoch like training (2), got 1 values"));
        assertTrue(assertThrows(UnrollException.class, () -> PerplexityPlot.svg(List.of(), List.of()))
                .getMessage().contains("got none"));
    }
}
