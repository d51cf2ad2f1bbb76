package kr.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import kr.core.graph.TemperatureSchedule;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import kr.train.optim.Optimizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigFileTest {
  /** A caller's model record, as a CLI would keep its backbone flags. */
  record ModelArgs(String backbone, String kr, int imageSize) {}

  private static final Path FILE = Path.of("runs/x/config.json");
  private static final List<String> LINE =
      List.of("train", "--backbone", "resnet18", "--lr", "0.1");

  @TempDir Path tmp;

  private static TrainConfig config(double lr) {
    return new TrainConfig(
        OptimizerConfig.builder().optimizer(Optimizers.SGD).lr(lr).clipNorm(2).build(),
        LoopConfig.builder()
            .epochs(10)
            .batchSize(64)
            .seed(3)
            .temperature(TemperatureSchedule.linear(30, 2))
            .build(),
        RunConfig.in(Path.of("runs/x")).withThreads(1, 1));
  }

  private static RunConfigFile fresh() {
    return RunConfigFile.of(
        config(0.1), LINE, RunConfigFile.modelSection(new ModelArgs("resnet18", "4x", 224)));
  }

  @Test
  void roundTripsExactlyAndTheModelSectionReadsBackAsTheCallersRecord() throws IOException {
    RunConfigFile f = fresh();
    String json = f.toJson();
    assertThat(json)
        .contains(
            "\"format_version\" : 1",
            "\"command_line\" : [ \"train\",",
            "\"optimizer\" : \"SGD\"",
            "\"clip_norm\" : 2.0",
            "\"out_dir\" : \"runs/x\"",
            "\"temperature\" : {",
            "\"initial\" : 30.0",
            "\"backbone\" : \"resnet18\"",
            "\"image_size\" : 224",
            "\"history\" : [ ]");
    RunConfigFile back = RunConfigFile.parse(json, FILE);
    assertThat(back).isEqualTo(f);
    assertThat(back.effective()).isEqualTo(config(0.1));
    assertThat(back.model(ModelArgs.class)).isEqualTo(new ModelArgs("resnet18", "4x", 224));
  }

  @Test
  void aFileWrittenBeforeSkipGraphOptimizerExistedRunsWithTheOptimizer() throws IOException {
    String json = fresh().toJson();
    assertThat(json).contains("\"skip_graph_optimizer\" : false");
    String old = json.replaceAll(",\\s*\"skip_graph_optimizer\" : false", "");
    assertThat(old).doesNotContain("skip_graph_optimizer");
    assertThat(RunConfigFile.parse(old, FILE)).isEqualTo(fresh());
  }

  @Test
  void aResumeWithTheSameSettingsLeavesTheFileAsItIs() {
    RunConfigFile f = fresh();
    TrainConfig resumed = config(0.1).withRun(config(0.1).run().withResume(true));
    assertThat(f.resumed(40, resumed, List.of("train", "--resume"), f.model())).isSameAs(f);
  }

  @Test
  void changesOnResumeGoIntoTheHistoryWithTheirStep() throws IOException {
    RunConfigFile f = fresh();
    TrainConfig lower = config(0.01).withRun(config(0.01).run().withResume(true));
    List<String> line2 = List.of("train", "--lr", "0.01", "--resume");
    RunConfigFile g = f.resumed(40, lower, line2, f.model());
    assertThat(g.history())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.globalStep()).isEqualTo(40);
              assertThat(c.commandLine()).isEqualTo(line2);
              assertThat(c.optimizer().lr()).isEqualTo(0.01);
            });
    assertThat(g.optimizer().lr()).as("the initial settings stay").isEqualTo(0.1);
    assertThat(g.commandLine()).isEqualTo(LINE);
    assertThat(g.effective()).isEqualTo(lower);

    // A later resume that changes the model section adds a second entry.
    var bigger = RunConfigFile.modelSection(new ModelArgs("resnet18", "4x", 256));
    RunConfigFile h = g.resumed(90, lower, line2, bigger);
    assertThat(h.history()).extracting(RunConfigFile.Change::globalStep).containsExactly(40L, 90L);
    assertThat(h.model(ModelArgs.class).imageSize()).isEqualTo(256);
    assertThat(RunConfigFile.parse(h.toJson(), FILE)).isEqualTo(h);
  }

  @Test
  void otherVersionsAndBrokenFilesAreRefusedInOneLineNamingTheFile() {
    String json = fresh().toJson();
    assertThatThrownBy(
            () ->
                RunConfigFile.parse(
                    json.replace("\"format_version\" : 1", "\"format_version\" : 2"), FILE))
        .isInstanceOf(IOException.class)
        .hasMessage(FILE + " has format version 2; this build reads version 1");
    // The previous, unversioned config.json was a flat map.
    assertThatThrownBy(() -> RunConfigFile.parse("{\"epochs\":100,\"batch_size\":128}", FILE))
        .isInstanceOf(IOException.class)
        .hasMessage(
            FILE
                + " has no format_version (written before config.json was versioned);"
                + " this build reads version 1");
    assertThatThrownBy(() -> RunConfigFile.parse("{oops", FILE))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(FILE + " is not JSON");
    assertThatThrownBy(() -> RunConfigFile.parse(json.replace("\"lr\" : 0.1", "\"lr\" : -1"), FILE))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(FILE + ": lr ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void runDirectoryWritesAndReadsConfigJson() throws IOException {
    RunDirectory dir = new RunDirectory(tmp.resolve("run"));
    assertThat(dir.hasConfig()).isFalse();
    assertThatThrownBy(dir::readConfig)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("config.json");
    dir.writeConfig(fresh());
    assertThat(dir.readConfig()).isEqualTo(fresh());
  }

  @Test
  void trainingStateRoundTripsEveryDoubleExactly() throws IOException {
    EpochMetrics m =
        new EpochMetrics(
            1, 8, 0.1 + 0.2, 1, Math.PI, 1.0 / 3, Math.E, 0.5, 1, 1234.5678, 9.87654321);
    TrainingState s =
        new TrainingState(
            TrainingState.FORMAT_VERSION,
            TrainingState.KIND,
            "tiny-net",
            11,
            1,
            3,
            8,
            5.551115123125783e-17,
            17,
            96,
            0.123456789,
            1e-3,
            29.999999999999996,
            Double.NEGATIVE_INFINITY,
            List.of(m),
            config(0.1).optimizer(),
            config(0.1).loop());
    Path ckpt = Path.of("step-000000011.krckpt");
    TrainingState back = TrainingState.parse(s.toJson(), ckpt);
    assertThat(back).isEqualTo(s);
    assertThat(back.bestTop1()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThatThrownBy(
            () ->
                TrainingState.parse(
                    s.toJson().replace("\"format_version\":1", "\"format_version\":7"), ckpt))
        .isInstanceOf(IOException.class)
        .hasMessage(ckpt + " has training-state version 7; this build reads version 1");
  }
}
