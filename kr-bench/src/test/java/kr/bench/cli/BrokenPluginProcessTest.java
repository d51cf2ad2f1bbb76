package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.backbones.api.BackbonePlugin;
import kr.data.spi.DatasetProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken plugin jar on the class path of a real {@code kr list} process ends in one stderr line
 * naming the plugin class, its jar and what went wrong, with exit code 2: a services entry naming a
 * missing class, a constructor that throws, a {@code module()} that throws, a backbone name that a
 * built-in plugin already has, and a missing dataset provider class. The jars are written by the
 * test ({@link PluginJars}).
 */
class BrokenPluginProcessTest {
  private static final String CLASS_PATH = PluginJars.CLASS_PATH;
  private static final String BACKBONE_SERVICES =
      "META-INF/services/" + BackbonePlugin.class.getName();

  @TempDir static Path dir;
  private static Path classes;

  @BeforeAll
  static void compilePlugins() throws IOException {
    String head =
        "package acme;\n"
            + "import com.google.inject.Module;\n"
            + "import kr.backbones.api.BackbonePlugin;\n";
    classes =
        PluginJars.compile(
            dir,
            Map.of(
                "acme.ThrowingConstructor",
                head
                    + "public class ThrowingConstructor implements BackbonePlugin {\n"
                    + "  public ThrowingConstructor() { throw new IllegalStateException(\"licence"
                    + " file missing\"); }\n"
                    + "  public Module module() { return null; }\n"
                    + "}\n",
                "acme.ThrowingModule",
                head
                    + "public class ThrowingModule implements BackbonePlugin {\n"
                    + "  public Module module() { throw new UnsupportedOperationException(\"no"
                    + " module yet\"); }\n"
                    + "}\n",
                "acme.DuplicateCnn",
                head
                    + "public class DuplicateCnn implements BackbonePlugin {\n"
                    + "  public Module module() { return new"
                    + " kr.backbones.cnn.SmallCnnPlugin().module(); }\n"
                    + "}\n"));
  }

  /** A jar holding the compiled {@code acme.<simpleName>} (if any) and one services file. */
  static Path jar(String name, String services, String entry, String simpleName)
      throws IOException {
    return PluginJars.jar(
        dir.resolve(name + ".jar"),
        classes,
        simpleName == null ? List.of() : List.of("acme/" + simpleName + ".class"),
        Map.of(services.substring("META-INF/services/".length()), List.of(entry)));
  }

  /** Runs {@code kr list} with {@code jar} at the end of the class path; the stderr lines. */
  static List<String> krListFails(Path jar) throws Exception {
    Path err = dir.resolve(jar.getFileName() + ".err");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            CLASS_PATH + File.pathSeparator + jar,
            KrCli.class.getName(),
            "list");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(dir.resolve(jar.getFileName() + ".out").toFile())
            .redirectError(err.toFile());
    pb.environment().remove(KrCli.DEBUG_ENV);
    pb.environment().putAll(Map.of("TF_CPP_MIN_LOG_LEVEL", "3"));
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("kr list did not exit within 120 s");
    }
    List<String> lines = Files.readAllLines(err);
    assertThat(p.exitValue()).as(String.join("\n", lines)).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(lines).as("one stderr line").hasSize(1);
    return lines;
  }

  /**
   * What {@code kr list} says of the compiled backbone plugin {@code acme.<simpleName>} in a jar of
   * its own, after checking the line starts by naming the plugin and the jar.
   */
  static String pluginFailure(String name, String simpleName) throws Exception {
    Path jar = jar(name, BACKBONE_SERVICES, "acme." + simpleName, simpleName);
    String line = krListFails(jar).get(0);
    String prefix = "kr: plugin acme." + simpleName + " (from " + jar + "): ";
    assertThat(line).startsWith(prefix);
    return line.substring(prefix.length());
  }

  @Test
  void servicesEntryNamingAMissingClass() throws Exception {
    Path jar = jar("missing", BACKBONE_SERVICES, "acme.NoSuchPlugin", null);
    assertThat(krListFails(jar).get(0))
        .isEqualTo(
            "kr: plugin acme.NoSuchPlugin (from "
                + jar
                + "): class not found (listed in "
                + BACKBONE_SERVICES
                + ") (remove it from the class path or fix it)");
  }

  @Test
  void constructorThatThrows() throws Exception {
    assertThat(pluginFailure("ctor", "ThrowingConstructor"))
        .startsWith("constructor threw ")
        .contains("IllegalStateException: licence file missing");
  }

  @Test
  void moduleThatThrows() throws Exception {
    assertThat(pluginFailure("module", "ThrowingModule"))
        .startsWith("module() threw ")
        .contains("UnsupportedOperationException: no module yet");
  }

  @Test
  void backboneNameABuiltInPluginHas() throws Exception {
    assertThat(pluginFailure("dup", "DuplicateCnn"))
        .startsWith("contributes backbone '")
        .contains("already contributed by kr.backbones.cnn.SmallCnnPlugin");
  }

  @Test
  void datasetProviderNamingAMissingClass() throws Exception {
    Path jar =
        jar("data", "META-INF/services/" + DatasetProvider.class.getName(), "acme.NoData", null);
    assertThat(krListFails(jar).get(0))
        .startsWith("kr: dataset plugin: ")
        .contains("acme.NoData", "not found");
  }
}
