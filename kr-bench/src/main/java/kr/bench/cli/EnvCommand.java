package kr.bench.cli;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import kr.train.config.RunConfig;
import org.tensorflow.TensorFlow;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kr env}: what a run would run on: TensorFlow's version, whether its natives are the CPU or
 * the GPU build, the devices it sees, CPU cores, the thread settings, and the Java version.
 */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = "Print TensorFlow's version, natives and devices, CPU cores, threads and Java.")
public final class EnvCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("kr:          " + new Version().getVersion()[0]);
    out.println("tensorflow:  " + TensorFlow.version() + " (" + natives() + " natives)");
    for (Devices.Device d : Devices.list()) {
      out.println("device:      " + d.type() + "  " + d.name());
    }
    int cores = Runtime.getRuntime().availableProcessors();
    out.println("cpu cores:   " + cores);
    out.println(
        "threads:     TensorFlow intra-op/inter-op "
            + threads(RunConfig.in(Path.of(".")), cores)
            + " (kr train --threads intra,inter overrides); data loading --workers 2");
    out.println(
        "java:        "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MB)");
    out.flush();
    return 0;
  }

  private static String threads(RunConfig run, int cores) {
    String dflt = "0 (TensorFlow's default: " + cores + " cores)";
    return (run.intraOpThreads() == 0 ? dflt : String.valueOf(run.intraOpThreads()))
        + " / "
        + (run.interOpThreads() == 0 ? dflt : String.valueOf(run.interOpThreads()));
  }

  /** {@code gpu} when the GPU build of tensorflow-core-native is on the class path. */
  static String natives() {
    return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
            .anyMatch(p -> p.matches(".*tensorflow-core-native-[^/]*-gpu\\.jar"))
        ? "gpu"
        : "cpu";
  }
}
