package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.backbones.api.BackbonePlugin;
import kr.backbones.api.DynamicKernelPlugin;
import kr.data.spi.DatasetProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins outside the project, loaded with {@code --plugin-path} or {@code KR_PLUGIN_PATH} by the
 * real {@code kr} command (a child process on the project's class path only): a jar built here from
 * Java sources holds a backbone, a dynamic-kernel method and a dataset of generated images; {@code
 * kr list} shows each with the jar it came from, {@code kr train} trains the plugin's backbone on
 * the plugin's data for two steps, and a broken entry is one stderr line naming it, exit code 2.
 */
class PluginPathProcessTest {
  @TempDir static Path dir;
  static Path jar;
  static Path folder;

  @BeforeAll
  static void buildPluginJar() throws IOException {
    Path classes =
        PluginJars.compile(
            dir.resolve("build"),
            Map.of(
                "acme.AcmeBackbones",
                """
                package acme;
                import com.google.inject.AbstractModule;
                import com.google.inject.Module;
                import com.google.inject.multibindings.ProvidesIntoMap;
                import com.google.inject.multibindings.StringMapKey;
                import java.util.List;
                import java.util.Set;
                import kr.backbones.api.BackboneFactory;
                import kr.backbones.api.BackbonePlugin;
                import kr.backbones.api.KernelSite;
                import kr.backbones.cnn.SmallCnn;
                import kr.core.model.InputSpec;
                public class AcmeBackbones implements BackbonePlugin {
                  public Module module() {
                    return new AbstractModule() {
                      @ProvidesIntoMap
                      @StringMapKey("acme-cnn")
                      BackboneFactory acme() {
                        return BackboneFactory.of("acme-cnn", InputSpec.fashionMnist(),
                            "acme's tiny CNN", Set.of(KernelSite.LAYER_CONVOLUTIONS),
                            args -> SmallCnn.create("acme-cnn",
                                new SmallCnn.SmallCnnArgs(4, List.of(8), 8, 0), args));
                      }
                    };
                  }
                }
                """,
                "acme.AcmeMethods",
                """
                package acme;
                import com.google.inject.AbstractModule;
                import com.google.inject.Module;
                import com.google.inject.multibindings.ProvidesIntoMap;
                import com.google.inject.multibindings.StringMapKey;
                import kr.backbones.api.DynamicKernelMethod;
                import kr.backbones.api.DynamicKernelPlugin;
                import kr.backbones.methods.StaticMethod;
                public class AcmeMethods implements DynamicKernelPlugin {
                  public Module module() {
                    return new AbstractModule() {
                      @ProvidesIntoMap
                      @StringMapKey("acme-static")
                      DynamicKernelMethod acme() {
                        return StaticMethod.INSTANCE;
                      }
                    };
                  }
                }
                """,
                "acme.AcmeData",
                """
                package acme;
                import java.nio.file.Path;
                import kr.data.Dataset;
                import kr.data.DatasetInfo;
                import kr.data.DatasetOptions;
                import kr.data.spi.DatasetProvider;
                import kr.data.synthetic.SyntheticDataset;
                public class AcmeData implements DatasetProvider {
                  public String name() { return "acme-data"; }
                  public String description() { return "acme's generated 28x28 images"; }
                  public Dataset create(Path dir, DatasetOptions options) {
                    return new SyntheticDataset(new DatasetInfo("acme-data", 10, 28, 28, 1,
                        new float[] {0.5f}, new float[] {0.25f}, 64, 16), 7);
                  }
                }
                """));
    folder = Files.createDirectories(dir.resolve("plugins"));
    jar =
        PluginJars.jar(
            folder.resolve("acme-plugins.jar"),
            classes,
            List.of("acme/"),
            Map.of(
                BackbonePlugin.class.getName(), List.of("acme.AcmeBackbones"),
                DynamicKernelPlugin.class.getName(), List.of("acme.AcmeMethods"),
                DatasetProvider.class.getName(), List.of("acme.AcmeData")));
    Files.writeString(folder.resolve("README.txt"), "not a jar, ignored in a folder\n");
  }

  private static void assertListsThePlugins(KrProcess.Done list) throws IOException {
    assertThat(list.code()).as(list.err()).isZero();
    String from = "  (from " + dir.toRealPath().relativize(jar.toRealPath()) + ")";
    assertThat(list.out().lines())
        .anyMatch(l -> l.startsWith("  acme-cnn ") && l.endsWith("acme's tiny CNN" + from))
        .anyMatch(l -> l.startsWith("  acme-static ") && l.endsWith(from))
        .anyMatch(l -> l.startsWith("  acme-data ") && l.endsWith(from))
        .anyMatch(l -> l.startsWith("  test-cnn ") && !l.contains("(from "));
  }

  @Test
  void listShowsThePluginsWithTheirJarFromTheOptionAndFromTheEnvironment() throws Exception {
    assertListsThePlugins(
        KrProcess.run(dir, Map.of(), 60, "list", "--plugin-path", jar.toString()));
    assertListsThePlugins(
        KrProcess.run(dir, Map.of(PluginPath.ENV, "" + File.pathSeparator + folder), 60, "list"));
    KrProcess.Done plain = KrProcess.run(dir, Map.of(), 60, "list");
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(plain.out()).as("plugins load only from what is named").doesNotContain("acme");
  }

  /**
   * One training run, with the jar's folder from the environment (the option feeds the same
   * loader), its JVM started as {@code ./kr} starts it but with stderr not a terminal: stderr holds
   * plain progress lines and the epoch line, all in the log format {@code HH:mm:ss LEVEL message},
   * and none of TensorFlow's own log lines.
   */
  @Test
  void trainRunsThePluginBackboneOnThePluginDatasetWithPlainLoggedOutput() throws Exception {
    KrProcess.Done d =
        KrProcess.run(
            dir,
            Map.of(PluginPath.ENV, folder.toString()),
            List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Dkr.stderr.tty=false"),
            120,
            "train",
            "--backbone",
            "acme-cnn",
            "--dataset",
            "acme-data",
            "--data-dir",
            dir.toString(),
            "--epochs",
            "1",
            "--max-steps",
            "2",
            "--batch-size",
            "8",
            "--max-eval-batches",
            "1",
            "--threads",
            "1,1",
            "--out",
            dir.resolve("run").toString());
    assertThat(d.code()).as(d.err()).isZero();
    assertThat(d.out()).contains("done:");
    assertThat(Files.readAllLines(dir.resolve("run/metrics.jsonl"))).hasSize(1);
    assertThat(dir.resolve("run/checkpoints/best.krckpt")).exists();
    assertThat(Files.readString(dir.resolve("run/config.json"))).contains("\"acme-cnn\"");

    List<String> lines = d.err().lines().toList();
    assertThat(d.err()).doesNotContain("\r").doesNotContain("absl");
    assertThat(lines).noneMatch(NativeStderr::dropped);
    String time = "\\d\\d:\\d\\d:\\d\\d INFO ";
    assertThat(lines)
        .as(d.err())
        .anyMatch(
            l ->
                l.matches(
                    time + "epoch 1/1  step 2/2  loss \\d+\\.\\d{4}  \\d+ img/s  eta 0:00:00"))
        .anyMatch(l -> l.matches(time + "epoch 1/1  train loss \\d+\\.\\d{4} top1 .*"))
        .allMatch(l -> l.matches(time + ".*"));
  }

  @Test
  void aBrokenEntryIsOneLineNamingIt() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip file\n");
    Path missing = dir.resolve("nowhere.jar");
    Path broken =
        PluginJars.jar(
            dir.resolve("broken/broken.jar"),
            dir,
            List.of(),
            Map.of(BackbonePlugin.class.getName(), List.of("acme.Gone")));
    record Case(Map<String, String> env, List<String> args, String expected) {}
    List<Case> cases =
        List.of(
            new Case(
                Map.of(),
                List.of("list", "--plugin-path", text.toString()),
                "kr: --plugin-path " + text + ": not a jar ("),
            new Case(
                Map.of(PluginPath.ENV, missing.toString()),
                List.of("list"),
                "kr: KR_PLUGIN_PATH entry "
                    + missing
                    + ": no such file or directory (expected a jar or a folder of jars)"),
            new Case(
                Map.of(),
                List.of("list", "--plugin-path", broken.toString()),
                "kr: plugin acme.Gone (from " + broken.toRealPath() + "): class not found"));
    for (Case c : cases) {
      KrProcess.Done d = KrProcess.run(dir, c.env(), 60, c.args().toArray(String[]::new));
      assertThat(d.code()).as(d.err()).isEqualTo(KrCli.EXIT_USAGE);
      assertThat(d.err().lines().toList()).as(d.err()).hasSize(1);
      assertThat(d.err()).startsWith(c.expected());
    }
  }
}
