package kr.bench.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import kr.core.graph.Checks;
import kr.train.checkpoint.AtomicFiles;
import org.knowm.xchart.internal.chartpart.Chart;

/** Renders XChart charts side by side into one PNG, headless (no display needed). */
final class Png {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Png() {}

  /**
   * Writes {@code charts} left to right, each {@code width × height} pixels, so the image is {@code
   * charts.size() * width × height}; creates missing parent directories and replaces {@code out}
   * atomically.
   */
  static void write(Path out, List<? extends Chart<?, ?>> charts, int width, int height) {
    writeGrid(out, List.of(charts), width, height);
  }

  /**
   * Writes {@code rows} of charts top to bottom, each row left to right, each chart {@code width ×
   * height} pixels (a shorter row leaves white space on its right).
   */
  static void writeGrid(
      Path out, List<? extends List<? extends Chart<?, ?>>> rows, int width, int height) {
    Checks.notNull("out", out);
    Checks.check(!rows.isEmpty(), "chart rows", rows.size(), "must not be empty");
    Checks.positive("width", width);
    Checks.positive("height", height);
    int columns = 0;
    for (List<? extends Chart<?, ?>> row : rows) {
      Checks.check(!row.isEmpty(), "charts", row.size(), "must not be empty");
      columns = Math.max(columns, row.size());
    }
    BufferedImage image =
        new BufferedImage(columns * width, rows.size() * height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int r = 0; r < rows.size(); r++) {
        List<? extends Chart<?, ?>> row = rows.get(r);
        for (int i = 0; i < row.size(); i++) {
          Graphics2D panel = (Graphics2D) g.create(i * width, r * height, width, height);
          try {
            row.get(i).paint(panel, width, height);
          } finally {
            panel.dispose();
          }
        }
      }
    } finally {
      g.dispose();
    }
    try {
      AtomicFiles.write(
          out,
          os -> {
            if (!ImageIO.write(image, "png", os)) {
              throw new IllegalStateException("no PNG writer available");
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
