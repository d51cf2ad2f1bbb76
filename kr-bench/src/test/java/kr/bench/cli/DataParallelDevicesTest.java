package kr.bench.cli;

import static kr.bench.cli.CliRun.kr;
import static kr.bench.cli.CliRun.oneLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.train.Json;
import kr.train.RunDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr train --devices 2} without {@code --sync-bn}: every tower normalises with its own
 * slice's statistics (the moving averages take the towers' mean), and the run trains; bad
 * data-parallel flags fail in one line. ({@link DataParallelEqualityTest} compares {@code
 * --sync-bn} runs with one process.)
 */
class DataParallelDevicesTest {
  private static final int STEPS = 2;

  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void writeData() throws Exception {
    data = ParallelRuns.writeData(dir.resolve("data"), 128, 16);
  }

  @Test
  void withoutSyncBnEveryTowerNormalisesItsOwnSliceAndTheRunTrains() throws Exception {
    Path out = dir.resolve("per-tower");
    List<String> args =
        new ArrayList<>(ParallelRuns.train(data, "static", out, 8, "--devices", "2"));
    args.set(args.indexOf("--epochs") + 1, "4");
    CliRun r = kr(ParallelRuns.array(args));
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> epochs = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(RunDirectory.METRICS_JSONL))) {
      epochs.add(Json.mapper().readTree(line));
    }
    assertThat(epochs).hasSize(4);
    double first = epochs.get(0).get("train_loss").asDouble();
    double last = epochs.get(3).get("train_loss").asDouble();
    assertThat(last).as("train loss, epoch 1 -> 4").isLessThan(0.95 * first);
    JsonNode parallel =
        Json.mapper().readTree(out.resolve("config.json").toFile()).at("/run/parallel");
    assertThat(parallel.get("devices").asInt()).isEqualTo(2);
    assertThat(parallel.get("sync_batch_norm").asBoolean()).isFalse();
  }

  @Test
  void badDataParallelFlagsFailInOneLine() {
    Path out = dir.resolve("never");
    assertThat(oneLine(kr(flags(out, "--task-index", "1")), 2))
        .isEqualTo("kr: --task-index needs --cluster");
    assertThat(oneLine(kr(flags(out, "--devices", "0")), 2))
        .isEqualTo("kr: --devices must be at least 1, got 0");
    assertThat(oneLine(kr(flags(out, "--cluster", "a:1,a:1")), 2))
        .isEqualTo("kr: --cluster lists a:1 twice");
    assertThat(oneLine(kr(flags(out, "--cluster", "a:1,b:2", "--task-index", "2")), 2))
        .isEqualTo("kr: --task-index must be in 0..1 for a cluster of 2 tasks, got 2");
    assertThat(oneLine(kr(flags(out, "--devices", "32")), 2))
        .isEqualTo(
            "kr: --batch-size 16 must be at least the number of replicas, --devices × tasks = 32");
    assertThat(oneLine(kr("cluster", "--local", "2", "--", "eval", "--run", "x"), 2))
        .isEqualTo("kr: kr cluster runs train: expected '-- train <flags>', got 'eval'");
    assertThat(oneLine(kr("cluster", "--local", "0", "--", "train"), 2))
        .isEqualTo("kr: --local must be at least 1, got 0");
    assertThat(oneLine(kr("cluster", "--local", "2", "--", "train", "--cluster", "a:1,b:2"), 2))
        .isEqualTo(
            "kr: --cluster: kr cluster sets --cluster and --task-index of every task itself");
    assertThat(out).doesNotExist();
  }

  private static String[] flags(Path out, String... more) {
    return ParallelRuns.array(ParallelRuns.train(data, "static", out, STEPS, more));
  }
}
