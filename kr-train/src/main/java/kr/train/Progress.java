package kr.train;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A per-epoch progress bar on stderr: steps, ETA, running loss and images per second. */
interface Progress extends AutoCloseable {

  /** Advances by one step. */
  void step(int images, double meanLoss, double imagesPerSecond);

  @Override
  void close();

  /** A bar that shows nothing. */
  static Progress silent() {
    return new Progress() {
      @Override
      public void step(int images, double meanLoss, double imagesPerSecond) {}

      @Override
      public void close() {}
    };
  }

  /** A bar for one epoch, or a silent one when {@code show} is false. */
  static Progress epoch(
      boolean show, int epoch, int epochs, long steps, long done, PrintStream out) {
    if (!show) {
      return silent();
    }
    return bar(String.format("epoch %d/%d", epoch, epochs), steps, done, out, true);
  }

  /** A bar for an evaluation pass of {@code batches} batches: batches, ETA and running loss. */
  static Progress evaluation(long batches, PrintStream out) {
    return bar("eval", batches, 0, out, false);
  }

  private static Progress bar(
      String task, long steps, long done, PrintStream out, boolean throughput) {
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .setConsumer(new ConsoleProgressBarConsumer(out))
            .startsFrom(done, Duration.ZERO)
            .build();
    return new Progress() {
      @Override
      public void step(int images, double meanLoss, double imagesPerSecond) {
        bar.stepBy(1);
        bar.setExtraMessage(
            throughput
                ? String.format(" loss %.4f  %.0f img/s", meanLoss, imagesPerSecond)
                : String.format(" loss %.4f", meanLoss));
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
