package kr.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of an epoch or an evaluation pass: steps, ETA, running loss and images per second. On a
 * terminal, a bar on stderr redrawn in place; otherwise (a file, a pipe, a CI log) one plain line
 * every tenth of the pass and at its end, through the caller's log.
 */
interface Progress extends AutoCloseable {

  /**
   * The system property saying whether stderr is a terminal ({@code true} or {@code false}); the
   * {@code kr} launcher sets it. Unset, a JVM whose stdin and stdout are terminals ({@link
   * System#console()}) is taken to have a terminal stderr too.
   */
  String TERMINAL_PROPERTY = "kr.stderr.tty";

  /** Whether progress may redraw in place on stderr. */
  static boolean terminal() {
    String p = System.getProperty(TERMINAL_PROPERTY);
    return p != null ? Boolean.parseBoolean(p) : System.console() != null;
  }

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

  /**
   * Progress of one epoch (resumed after {@code done} steps), or none when {@code show} is false.
   *
   * @param log where plain lines go when stderr is not a terminal
   */
  static Progress epoch(
      boolean show, int epoch, int epochs, long steps, long done, Consumer<String> log) {
    if (!show) {
      return silent();
    }
    String task = String.format("epoch %d/%d", epoch, epochs);
    return terminal()
        ? bar(task, steps, done, System.err, true)
        : lines(task, "step", steps, done, true, log);
  }

  /** Progress of an evaluation pass of {@code batches} batches: batches, ETA and running loss. */
  static Progress evaluation(long batches, Consumer<String> log) {
    return terminal()
        ? bar("eval", batches, 0, System.err, false)
        : lines("eval", "batch", batches, 0, false, log);
  }

  /**
   * One line every {@code ceil(steps / 10)} steps and at the last: {@code epoch 1/3 step 47/469
   * loss 0.5123 1234 img/s eta 0:01:23}.
   */
  private static Progress lines(
      String task, String unit, long steps, long done, boolean throughput, Consumer<String> log) {
    long every = Math.max(1, (steps + 9) / 10);
    long start = System.nanoTime();
    return new Progress() {
      private long at = done;

      @Override
      public void step(int images, double meanLoss, double imagesPerSecond) {
        at++;
        if (at % every != 0 && at != steps) {
          return;
        }
        double perStep = (System.nanoTime() - start) / 1e9 / Math.max(1, at - done);
        long eta = Math.round(perStep * Math.max(0, steps - at));
        log.accept(
            String.format(
                "%s  %s %d/%d  loss %.4f%s  eta %d:%02d:%02d",
                task,
                unit,
                at,
                steps,
                meanLoss,
                throughput ? String.format("  %.0f img/s", imagesPerSecond) : "",
                eta / 3600,
                eta / 60 % 60,
                eta % 60));
      }

      @Override
      public void close() {}
    };
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
