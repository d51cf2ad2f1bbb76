package kr.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import kr.bench.tsne.EmbeddingReport;
import kr.bench.tsne.TsneConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsneComparisonTest {
  @TempDir Path dir;

  @Test
  void tighterClustersScoreHigherAndTheJsonHoldsTheNumbers() throws IOException {
    Random r = new Random(4);
    int n = 90;
    int[] labels = new int[n];
    double[][] loose = new double[n][8];
    double[][] tight = new double[n][16];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int c = 0; c < 8; c++) {
        loose[i][c] = (c == labels[i] ? 1.5 : 0) + r.nextGaussian();
      }
      for (int c = 0; c < 16; c++) {
        tight[i][c] = (c == labels[i] ? 8 : 0) + r.nextGaussian();
      }
    }
    Path png = dir.resolve("tsne.png");
    Path json = dir.resolve("tsne.json");
    TsneConfig config = TsneConfig.defaults(3).withPerplexity(15);
    TsneComparison.Summary summary =
        TsneComparison.run(
            List.of(
                new TsneComparison.Features("static", loose),
                new TsneComparison.Features("KR", tight)),
            labels,
            config,
            png,
            json);
    EmbeddingReport stat = summary.reports().get(0);
    EmbeddingReport kr = summary.reports().get(1);
    assertThat(kr.features().silhouette()).isGreaterThan(stat.features().silhouette());
    assertThat(kr.embedding().knnAccuracy()).isEqualTo(1.0);
    assertThat(kr.embedding().knnAccuracy()).isGreaterThan(stat.embedding().knnAccuracy());

    BufferedImage image = FiguresTest.readPng(png);
    assertThat(image.getWidth()).isEqualTo(2 * TsneFigure.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(TsneFigure.PANEL_HEIGHT);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.at("/tsne/perplexity").asDouble()).isEqualTo(15);
    assertThat(root.at("/tsne/seed").asLong()).isEqualTo(3);
    assertThat(root.at("/reports/1/name").asText()).isEqualTo("KR");
    assertThat(root.at("/reports/1/points").asInt()).isEqualTo(n);
    assertThat(root.at("/reports/0/embedding/knnAccuracy").asDouble())
        .isEqualTo(stat.embedding().knnAccuracy());
    assertThat(root.at("/reports/1/features/silhouette").asDouble())
        .isEqualTo(kr.features().silhouette());
    assertThat(root.at("/reports/1/trustworthiness").asDouble()).isEqualTo(kr.trustworthiness());
  }

  @Test
  void featureRowsMustMatchTheLabels() {
    assertThatThrownBy(
            () ->
                TsneComparison.run(
                    List.of(new TsneComparison.Features("static", new double[4][2])),
                    new int[5],
                    TsneConfig.defaults(1),
                    dir.resolve("a.png"),
                    dir.resolve("a.json")))
        .hasMessageContaining("static rows")
        .hasMessageContaining("5");
  }
}
