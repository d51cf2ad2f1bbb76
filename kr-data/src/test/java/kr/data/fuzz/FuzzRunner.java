package kr.data.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kr.data.DatasetFormatException;
import kr.data.fuzz.FuzzCase.Outcome;

/**
 * Runs fuzz cases one at a time on a daemon thread, each bounded by a timeout, and tallies the
 * outcomes. A case that times out is counted as a hang and its thread abandoned (a fresh executor
 * takes over).
 */
final class FuzzRunner implements AutoCloseable {
  private final Duration timeout;
  private ExecutorService exec = newExecutor();
  private final Map<String, EnumMap<Outcome, Integer>> tally = new TreeMap<>();
  private final EnumMap<Outcome, Integer> total = new EnumMap<>(Outcome.class);
  private final List<String> failures = new ArrayList<>();
  private int cases;

  FuzzRunner(Duration timeout) {
    this.timeout = timeout;
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "fuzz-case");
          t.setDaemon(true);
          return t;
        });
  }

  /** Runs one case and records whether its outcome is allowed. */
  void run(FuzzCase c) {
    Future<Outcome> f = exec.submit(c.load());
    Outcome o;
    String why = "";
    try {
      o = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      o = Outcome.HANG;
      f.cancel(true);
      exec.shutdownNow();
      exec = newExecutor();
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      if (t instanceof DatasetFormatException d) {
        String msg = String.valueOf(d.getMessage());
        String name = c.target().getFileName().toString();
        o = msg.contains(name) ? Outcome.FORMAT_ERROR : Outcome.OTHER;
        why = msg.contains(name) ? "" : ": message does not name " + name + ": " + msg;
      } else {
        o = Outcome.OTHER;
        why = ": " + t;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    cases++;
    total.merge(o, 1, Integer::sum);
    tally
        .computeIfAbsent(c.format() + " " + c.kind(), k -> new EnumMap<>(Outcome.class))
        .merge(o, 1, Integer::sum);
    if (!c.allowed().contains(o)) {
      failures.add(c + ": " + o + why + " (allowed " + c.allowed() + ")");
    }
  }

  int cases() {
    return cases;
  }

  int count(Outcome o) {
    return total.getOrDefault(o, 0);
  }

  List<String> failures() {
    return failures;
  }

  /**
   * @return one line per format and mutation kind with its outcome counts
   */
  String table() {
    StringBuilder sb = new StringBuilder();
    tally.forEach((k, v) -> sb.append(String.format("  %-28s %s%n", k, v)));
    return sb.toString();
  }

  /**
   * @return the summary line
   */
  String summary(long seed) {
    return "loader fuzz (seed "
        + seed
        + "): "
        + cases
        + " cases: "
        + count(Outcome.FORMAT_ERROR)
        + " format errors, "
        + count(Outcome.LOADED)
        + " loaded (value changes the format cannot detect), "
        + count(Outcome.SKIPPED)
        + " skipped (skipCorrupt), "
        + count(Outcome.HANG)
        + " hangs, "
        + count(Outcome.OTHER)
        + " other";
  }

  @Override
  public void close() {
    exec.shutdownNow();
  }
}
