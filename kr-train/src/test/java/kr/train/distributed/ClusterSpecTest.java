package kr.train.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class ClusterSpecTest {
  @Test
  void parsesHostPortListAndTaskIndex() {
    ClusterSpec c = ClusterSpec.parse("node-a:2222, 10.0.0.2:2223", 1);
    assertThat(c.tasks())
        .containsExactly(new TaskAddress("node-a", 2222), new TaskAddress("10.0.0.2", 2223));
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.isChief()).isFalse();
    assertThat(c.target()).isEqualTo("grpc://10.0.0.2:2223");
    assertThat(c.toClusterDef().getJob(0).getName()).isEqualTo("worker");
    assertThat(c.toClusterDef().getJob(0).getTasksMap())
        .containsEntry(0, "node-a:2222")
        .containsEntry(1, "10.0.0.2:2223");
    assertThat(ClusterSpec.cpu(1).toString())
        .isEqualTo("/job:worker/replica:0/task:1/device:CPU:0");
    assertThat(ClusterSpec.localhost(List.of(5000), 0).isChief()).isTrue();
  }

  @Test
  void badValuesGiveOneLineNamingTheFlag() {
    assertThatThrownBy(() -> ClusterSpec.parse("", 0))
        .hasMessage("--cluster must list host:port,host:port,..., got an empty value");
    assertThatThrownBy(() -> ClusterSpec.parse("a:1,b", 0))
        .hasMessage("--cluster entry 'b' is not host:port");
    assertThatThrownBy(() -> ClusterSpec.parse("a:1,b:x", 0))
        .hasMessage("--cluster entry 'b:x' has a port that is not a number");
    assertThatThrownBy(() -> ClusterSpec.parse("a:1,b:70000", 0))
        .hasMessage("--cluster entry 'b:70000': port must be in 1..65535, got 70000");
    assertThatThrownBy(() -> ClusterSpec.parse("a:1,,b:2", 0))
        .hasMessage("--cluster entry '' is not host:port");
    assertThatThrownBy(() -> ClusterSpec.parse("a:1,a:1", 0))
        .hasMessage("--cluster lists a:1 twice");
    assertThatThrownBy(() -> ClusterSpec.parse("a:1,b:2", 2))
        .hasMessage("--task-index must be in 0..1 for a cluster of 2 tasks, got 2");
    assertThatThrownBy(() -> ClusterSpec.parse("a:1", -1))
        .hasMessage("--task-index must be in 0..0 for a cluster of 1 tasks, got -1");
  }

  @Test
  void sessionConfigLeadsCollectivesFromTaskZeroAndBoundsOps() {
    ConfigProto config =
        TaskServer.sessionConfig(ClusterSpec.parse("a:1,b:2", 1), Duration.ofSeconds(7));
    assertThat(config.getExperimental().getCollectiveGroupLeader())
        .isEqualTo("/job:worker/replica:0/task:0");
    assertThat(config.getDeviceFiltersList()).containsExactly("/job:worker/replica:0/task:1");
    assertThat(config.getOperationTimeoutInMs()).isEqualTo(7000);
  }
}
