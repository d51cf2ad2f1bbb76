package kr.bench.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import kr.train.distributed.LocalCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kr cluster --local N -- train <flags>}: runs a data-parallel {@code kr train} as {@code N}
 * task processes on this machine, on free loopback ports, each started with {@code --cluster
 * localhost:P0,...,localhost:P(N-1) --task-index I}. The chief's (task 0's) output is this
 * command's; every other task's lines come prefixed with {@code [task i]}. Ctrl-C is passed on to
 * every task (each stops after the same step, the chief saves a checkpoint); the exit code is the
 * chief's.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Run a data-parallel kr train as N local task processes: kr cluster --local N -- train"
            + " <flags>.")
public final class ClusterCommand implements Callable<Integer> {
  /** How long the other tasks may run on after one failed, to report their own reason. */
  static final Duration GRACE = Duration.ofSeconds(90);

  /** How long Ctrl-C waits for the tasks to save and exit. */
  static final Duration STOP_WAIT = Duration.ofSeconds(150);

  @Option(
      names = "--local",
      required = true,
      paramLabel = "N",
      description = "Number of task processes on this machine.")
  int local;

  @Parameters(
      arity = "1..*",
      paramLabel = "COMMAND",
      description = "After --: the command every task runs, train and its flags.")
  List<String> command;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (local < 1) {
      throw new IllegalArgumentException("--local must be at least 1, got " + local);
    }
    if (!command.get(0).equals("train")) {
      throw new IllegalArgumentException(
          "kr cluster runs train: expected '-- train <flags>', got '" + command.get(0) + "'");
    }
    for (String a : command) {
      if (a.equals("--cluster")
          || a.startsWith("--cluster=")
          || a.equals("--task-index")
          || a.startsWith("--task-index=")) {
        throw new IllegalArgumentException(
            a.replaceFirst("=.*", "")
                + ": kr cluster sets --cluster and --task-index of every task itself");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalCluster cluster =
        LocalCluster.launchAttached(
            local, jvmArgs(), KrCli.class.getName(), command, out, err, err);
    Thread onSignal =
        new Thread(
            () -> {
              cluster.interrupt();
              for (Process p : cluster.processes()) {
                try {
                  p.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "kr-cluster-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    List<Integer> codes;
    try {
      codes = cluster.await(Duration.ofDays(3650), GRACE);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook passes the signal on and waits for the tasks
      }
      cluster.close();
    }
    int chief = codes.get(0);
    if (chief == -1) {
      err.println(
          "kr: task 0 did not stop within "
              + GRACE.toSeconds()
              + " s after task "
              + firstFailed(codes)
              + " failed; ended it");
      err.flush();
      return KrCli.EXIT_FAILED;
    }
    return chief;
  }

  private static int firstFailed(List<Integer> codes) {
    for (int i = 0; i < codes.size(); i++) {
      if (codes.get(i) != 0 && codes.get(i) != -1) {
        return i;
      }
    }
    return 0;
  }

  /** This JVM's heap, stack and system-property options, passed on to every task. */
  static List<String> jvmArgs() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-D"))
        .toList();
  }
}
