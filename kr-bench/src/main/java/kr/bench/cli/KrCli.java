package kr.bench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kr.bench.flops.FlopsCommand;
import kr.bench.plot.PlotCommand;
import kr.bench.profile.ProfileCommand;
import kr.bench.table.TableCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code kr} command line.
 *
 * <p>Every failure ends with one line on stderr, {@code kr: <what>}, naming the flag, value or file
 * and what was expected, and a documented exit code: {@value #EXIT_USAGE} for bad flags, values and
 * input files (a missing or malformed data directory, a corrupt or mismatched checkpoint, an {@code
 * --out} that cannot be written), {@value #EXIT_FAILED} for a run that failed (diverged, an I/O
 * error while running, an unexpected error), and {@value #EXIT_INTERRUPTED} when Ctrl-C stopped a
 * run (the JVM's exit status for SIGINT; {@code kr train} saves a checkpoint first and {@code
 * --resume} continues it). {@code --debug}, or the environment variable {@code KR_DEBUG=1}, adds
 * the stack trace. The mapping from exceptions to lines and codes is {@link Failure}.
 */
@Command(
    name = "kr",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    showDefaultValues = true,
    description = "Dynamic networks with Kernel Representation on TensorFlow Java.",
    subcommands = {
      HelpCommand.class,
      QuickstartCommand.class,
      ListCommand.class,
      TrainCommand.class,
      ClusterCommand.class,
      RecipeCommand.class,
      EvalCommand.class,
      ExportCommand.class,
      PredictCommand.class,
      RunsCommand.class,
      EnvCommand.class,
      FlopsCommand.class,
      TableCommand.class,
      BenchCommand.class,
      ProfileCommand.class,
      PlotCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run failed (diverged, I/O error, unexpected error)",
      "2:bad flag, value or input file (data, checkpoint, --out)",
      "130:interrupted (Ctrl-C)"
    })
public final class KrCli implements Runnable {
  /** Exit code of a run that failed. */
  public static final int EXIT_FAILED = 1;

  /** Exit code of a bad flag, value or input file. */
  public static final int EXIT_USAGE = 2;

  /** Exit code after Ctrl-C (128 + SIGINT). */
  public static final int EXIT_INTERRUPTED = 130;

  /** Environment variable that, set to {@code 1}, turns {@code --debug} on. */
  public static final String DEBUG_ENV = "KR_DEBUG";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description =
          "On failure, print the stack trace after the one-line error (or set KR_DEBUG=1).")
  boolean debug;

  @Option(
      names = PluginPath.OPTION,
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description =
          "Plugin jars, or folders of jars, ':'-separated (repeatable): their backbones,"
              + " dynamic-kernel methods and datasets are loaded after those of the class path"
              + " and of the environment variable "
              + PluginPath.ENV
              + " (default: none).")
  List<String> pluginPath;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * A configured command line: one-line errors and exit codes; the environment's {@value
   * #DEBUG_ENV}.
   */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * @param env environment variables ({@value #DEBUG_ENV} is read)
   * @return a configured command line
   */
  static CommandLine commandLine(Map<String, String> env) {
    boolean envDebug = "1".equals(env.get(DEBUG_ENV));
    CommandLine cl = new CommandLine(new KrCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUnmatchedOptionsArePositionalParams(false);
    showDefaults(cl);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("kr: " + Failure.oneLine(ex.getMessage()));
          if (ex instanceof UnmatchedArgumentException u) {
            u.printSuggestions(err);
          }
          err.flush();
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, line, parse) -> report(ex, line.getErr(), envDebug || debug(parse)));
    cl.setExecutionStrategy(parse -> withPlugins(parse, env));
    return cl;
  }

  /**
   * Runs the parsed command with the plugin path's class loader as the thread's context class
   * loader, where the plugin registries look plugins up; a bad plugin path entry is a usage error.
   */
  private static int withPlugins(ParseResult parse, Map<String, String> env) {
    List<String> values = new ArrayList<>();
    for (ParseResult p = parse; p != null; p = p.subcommand()) {
      OptionSpec o = p.matchedOption(PluginPath.OPTION);
      if (o != null) {
        values.addAll(o.stringValues());
      }
    }
    PluginPath path;
    try {
      path = PluginPath.of(env, values);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(last(parse).commandSpec().commandLine(), e.getMessage(), e);
    }
    if (path.isEmpty()) {
      return new RunLast().execute(parse);
    }
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(path.loader(KrCli.class.getClassLoader()));
    try {
      return new RunLast().execute(parse);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static ParseResult last(ParseResult parse) {
    ParseResult p = parse;
    while (p.subcommand() != null) {
      p = p.subcommand();
    }
    return p;
  }

  /** Every option of every command shows its default value in the help. */
  private static void showDefaults(CommandLine cl) {
    cl.getCommandSpec().usageMessage().showDefaultValues(true);
    for (CommandLine sub : cl.getSubcommands().values()) {
      showDefaults(sub);
    }
  }

  private static boolean debug(ParseResult parse) {
    for (ParseResult p = parse; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static int report(Throwable t, PrintWriter err, boolean debug) {
    Failure f = Failure.of(t);
    err.println("kr: " + f.message());
    if (debug) {
      t.printStackTrace(err);
    }
    err.flush();
    return f.exitCode();
  }

  /**
   * The {@code kr} command. Unless {@code --debug} (or {@value #DEBUG_ENV}{@code =1}), TensorFlow's
   * own INFO/WARNING log lines are kept off stderr ({@link NativeStderr}, which needs the JVM
   * option {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}); with it, they show and SLF4J logs
   * at DEBUG level.
   */
  public static void main(String[] args) {
    boolean debug = "1".equals(System.getenv(DEBUG_ENV)) || Arrays.asList(args).contains("--debug");
    if (debug) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    } else {
      NativeStderr.install();
    }
    CommandLine cl = commandLine();
    int code;
    try {
      code = cl.execute(args);
    } catch (Error e) { // the execution handler sees exceptions only
      code = report(e, cl.getErr(), debug);
    }
    System.exit(code);
  }
}
