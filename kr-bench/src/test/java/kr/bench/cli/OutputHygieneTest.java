package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on stderr: TensorFlow's own absl log lines are left out ({@link NativeStderr}),
 * progress is plain lines when stderr is not a terminal, and the trainer's lines go through SLF4J
 * in one format ({@code HH:mm:ss LEVEL message}).
 */
class OutputHygieneTest {
  @TempDir Path dir;

  @Test
  void theFilterDropsAbslNoticesAndInfoAndWarningLinesOnly() {
    String in =
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
            + "I0000 00:00:1796281845.354598    8681 mlir_graph_optimization_pass.cc:401] MLIR V1"
            + " optimization pass is not enabled\n"
            + "W0000 00:00:1796282754.631649   20505 op_level_cost_estimator.cc:699] Error in"
            + " PredictCost() for the op: op: \"Conv2D\"\n"
            + "E0000 00:00:1796282754.631649   20505 some_kernel.cc:12] a real error\n"
            + "OpenJDK 64-Bit Server VM warning: something\n"
            + "Information from a plugin\n"
            + "partial line without newline";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeStderr.forward(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "E0000 00:00:1796282754.631649   20505 some_kernel.cc:12] a real error\n"
                + "OpenJDK 64-Bit Server VM warning: something\n"
                + "Information from a plugin\n"
                + "partial line without newline");
  }

  @Test
  void trainingOutsideATerminalPrintsPlainLinesInOneFormatWithoutTensorFlowsLog() throws Exception {
    Path data = KrCliTest.writeData(dir.resolve("data"));
    KrProcess.Done d =
        KrProcess.run(
            dir,
            Map.of(),
            List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Dkr.stderr.tty=false"),
            120,
            "train",
            "--backbone",
            "test-cnn",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            data.toString(),
            "--epochs",
            "1",
            "--batch-size",
            "16",
            "--threads",
            "1,1",
            "--out",
            dir.resolve("run").toString());
    assertThat(d.code()).as(d.err()).isZero();
    List<String> lines = d.err().lines().toList();
    assertThat(d.err()).doesNotContain("\r").doesNotContain("absl");
    assertThat(lines).noneMatch(NativeStderr::dropped);
    String time = "\\d\\d:\\d\\d:\\d\\d INFO ";
    assertThat(lines)
        .as(d.err())
        .anyMatch(
            l ->
                l.matches(
                    time + "epoch 1/1  step 4/4  loss \\d+\\.\\d{4}  \\d+ img/s  eta 0:00:00"))
        .anyMatch(l -> l.matches(time + "epoch 1/1  train loss \\d+\\.\\d{4} top1 .*"))
        .allMatch(l -> l.matches(time + ".*"));
  }
}
