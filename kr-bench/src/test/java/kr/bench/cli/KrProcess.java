package kr.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code kr} command line as a child {@code java} process on the test class path, as a user
 * runs it: real stdout and stderr (files under {@code dir}), real exit code.
 */
final class KrProcess {
  private KrProcess() {}

  /** Exit code, stdout and stderr of a finished run. */
  record Done(int code, String out, String err) {}

  /**
   * Runs {@code kr args...} in {@code dir} with {@code env} added to this process's environment
   * ({@code KR_DEBUG} and {@code KR_PLUGIN_PATH} removed first) and waits at most {@code seconds}.
   */
  static Done run(Path dir, Map<String, String> env, long seconds, String... args)
      throws IOException, InterruptedException {
    return run(dir, env, List.of(), seconds, args);
  }

  /** As {@link #run(Path, Map, long, String...)}, with JVM options before the main class. */
  static Done run(
      Path dir, Map<String, String> env, List<String> jvmOptions, long seconds, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", PluginJars.CLASS_PATH, KrCli.class.getName()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "kr", ".out");
    Path err = Files.createTempFile(dir, "kr", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove(KrCli.DEBUG_ENV);
    pb.environment().remove(PluginPath.ENV);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("kr " + String.join(" ", args) + " ran past " + seconds + " s");
    }
    return new Done(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
