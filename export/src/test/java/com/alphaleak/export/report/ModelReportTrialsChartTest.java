package com.alphaleak.export.report;

import com.alphaleak.training.search.TrialResult;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelReportTrialsChartTest {
    /** The third series colour of {@link Chart}: the pruned dots. */
    private static final int PRUNED_RGB = 0xFF2CA02C;

    private static TrialResult trial(int n, TrialResult.Status status, double value) {
        return new TrialResult(n, Map.of("num_leaves", 15), status, value, 5, 10, 100, "test", 1, null, null,
                status == TrialResult.Status.PRUNED ? 10 : 0, List.of());
    }

    private static int pixels(byte[] png, int rgb) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if (img.getRGB(x, y) == rgb) n++;
        return n;
    }

    @Test
    void prunedTrialsAreDrawnAsTheirOwnDotsOnlyWhenThereAreAny() throws IOException {
        List<TrialResult> complete = new ArrayList<>(List.of(trial(0, TrialResult.Status.COMPLETE, 0.5),
                trial(1, TrialResult.Status.COMPLETE, 0.55), trial(2, TrialResult.Status.FAILED, Double.NaN)));
        assertEquals(0, pixels(ModelReport.trials(complete), PRUNED_RGB), "no pruned series without pruned trials");
        List<TrialResult> withPruned = new ArrayList<>(complete);
        withPruned.add(trial(3, TrialResult.Status.PRUNED, 0.52));
        withPruned.add(trial(4, TrialResult.Status.PRUNED, 0.48));
        withPruned.add(trial(5, TrialResult.Status.COMPLETE, 0.53));
        int dots = pixels(ModelReport.trials(withPruned), PRUNED_RGB);
        // Two 8-px dots and the legend square, no connecting line (a line across 1/5 of the plot would add ~100 px).
        assertTrue(dots > 160 && dots < 330, "pruned dots: " + dots + " px");
    }
}
