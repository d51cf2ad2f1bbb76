package kr.bench.cli;

import kr.bench.flops.FlopsCommand;
import kr.bench.table.TableCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kr} command line. */
@Command(name = "kr", mixinStandardHelpOptions = true, version = "KR-Java 0.1.0",
    description = "Dynamic networks with Kernel Representation on TensorFlow Java.",
    subcommands = {QuickstartCommand.class, ListCommand.class, TrainCommand.class,
        EvalCommand.class, FlopsCommand.class, TableCommand.class, BenchCommand.class})
public final class KrCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** A configured command line (bad flags: one-line error, exit code 2). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new KrCli());
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("kr: " + ex.getMessage());
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      if (ex instanceof IllegalArgumentException) {
        line.getErr().println("kr: " + ex.getMessage());
        return 2;
      }
      throw ex;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
