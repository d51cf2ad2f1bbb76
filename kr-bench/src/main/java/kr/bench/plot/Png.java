package kr.bench.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import kr.core.graph.Checks;
import org.knowm.xchart.internal.chartpart.Chart;

/** Renders XChart charts side by side into one PNG, headless (no display needed). */
final class Png {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Png() {}

  /**
   * Writes {@code charts} left to right, each {@code width × height} pixels, so the image is {@code
   * charts.size() * width × height}; creates missing parent directories.
   */
  static void write(Path out, List<? extends Chart<?, ?>> charts, int width, int height) {
    Checks.notNull("out", out);
    Checks.check(!charts.isEmpty(), "charts", charts.size(), "must not be empty");
    Checks.positive("width", width);
    Checks.positive("height", height);
    BufferedImage image =
        new BufferedImage(charts.size() * width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < charts.size(); i++) {
        Graphics2D panel = (Graphics2D) g.create(i * width, 0, width, height);
        try {
          charts.get(i).paint(panel, width, height);
        } finally {
          panel.dispose();
        }
      }
    } finally {
      g.dispose();
    }
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(image, "png", out.toFile())) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
