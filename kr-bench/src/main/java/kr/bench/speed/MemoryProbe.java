package kr.bench.speed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kr.bench.report.ProcessMemory;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;
import org.tensorflow.Graph;

/**
 * Peak memory of one {@link SpeedCase}, measured in a JVM of its own so that no other model's
 * freed-but-resident memory counts: RSS once TensorFlow is loaded, RSS after the graph is built and
 * initialised, then the peak RSS (VmHWM, restarted before each phase) over inference batches and
 * over training steps, and the JVM heap's peak. Inference runs first, since memory freed by a
 * training step stays resident and would hide the smaller inference peak.
 */
public final class MemoryProbe {
  /** The first word of the line the child prints. */
  static final String TAG = "kr-speed-memory";

  private static final int STEPS = 2;

  private MemoryProbe() {}

  /**
   * What a probe measured, MiB.
   *
   * @param baseRss after TensorFlow's natives are loaded
   * @param graphRss after the graph is built, the session created and the variables initialised
   * @param inferencePeak peak RSS over inference batches
   * @param trainingPeak peak RSS over training steps
   * @param heapPeak peak JVM heap in use
   */
  public record Memory(
      double baseRss, double graphRss, double inferencePeak, double trainingPeak, double heapPeak) {

    /** Training peak above the built graph, per image of the batch. */
    public double trainingPerImage(int batch) {
      return (trainingPeak - graphRss) / batch;
    }

    /** Inference peak above the built graph, per image of the batch. */
    public double inferencePerImage(int batch) {
      return (inferencePeak - graphRss) / batch;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%s %.1f %.1f %.1f %.1f %.1f",
          TAG,
          baseRss,
          graphRss,
          inferencePeak,
          trainingPeak,
          heapPeak);
    }

    static Memory parse(String line) {
      String[] p = line.trim().split(" ");
      Checks.check(p.length == 6 && p[0].equals(TAG), "memory probe line", line, "is malformed");
      return new Memory(
          Double.parseDouble(p[1]),
          Double.parseDouble(p[2]),
          Double.parseDouble(p[3]),
          Double.parseDouble(p[4]),
          Double.parseDouble(p[5]));
    }
  }

  /** Child entry point: {@code backbone height width channels method batch intra inter xla}. */
  public static void main(String[] args) {
    Checks.check(args.length == 9, "memory probe arguments", List.of(args), "must be 9");
    SpeedCase c =
        new SpeedCase(
            args[0],
            new InputSpec(
                Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3])),
            args[4],
            SpeedCase.parseMethod(args[4]),
            Integer.parseInt(args[5]),
            Boolean.parseBoolean(args[8]));
    StepRunner.Threads threads =
        new StepRunner.Threads(Integer.parseInt(args[6]), Integer.parseInt(args[7]));
    new Graph().close(); // loads TensorFlow's natives
    double base = ProcessMemory.rssMb();
    try (StepRunner r = StepRunner.open(c, threads)) {
      double graph = ProcessMemory.rssMb();
      ProcessMemory.resetHeapPeak();
      ProcessMemory.resetPeak();
      for (int i = 0; i < STEPS; i++) {
        r.inferMillis();
      }
      double infer = ProcessMemory.peakRssMb();
      ProcessMemory.resetPeak();
      for (int i = 0; i < STEPS; i++) {
        r.trainMillis();
      }
      double train = ProcessMemory.peakRssMb();
      System.out.println(new Memory(base, graph, infer, train, ProcessMemory.peakHeapMb()).line());
    }
  }

  /**
   * Runs a probe for {@code c} in a child JVM with this JVM's class path and heap limit.
   *
   * @throws IOException if the child cannot start, fails, or prints no measurement (its output's
   *     last lines are in the message)
   */
  static Memory measure(SpeedCase c, StepRunner.Threads threads) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m",
                "-cp",
                System.getProperty("java.class.path"),
                MemoryProbe.class.getName(),
                c.backbone(),
                String.valueOf(c.input().height()),
                String.valueOf(c.input().width()),
                String.valueOf(c.input().channels()),
                c.methodLabel(),
                String.valueOf(c.batch()),
                String.valueOf(threads.intraOp()),
                String.valueOf(threads.interOp()),
                String.valueOf(c.xla())));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("memory probe of " + c.label() + " interrupted", e);
    }
    List<String> lines = out.lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(TAG + " ") && p.exitValue() == 0) {
        return Memory.parse(lines.get(i));
      }
    }
    throw new IOException(
        "memory probe of "
            + c.label()
            + " failed (exit "
            + p.exitValue()
            + "): "
            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
  }
}
