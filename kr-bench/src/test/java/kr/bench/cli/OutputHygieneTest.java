package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The filter that keeps TensorFlow's own absl log lines off stderr ({@link NativeStderr}); a real
 * {@code kr train} process is checked for them, for plain progress lines and for the one log format
 * in {@link PluginPathProcessTest}.
 */
class OutputHygieneTest {
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
}
