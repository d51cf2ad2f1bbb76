package kr.train.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

class TargetSessionsTest {
  @Test
  void anEmptyTargetOpensAnInProcessSessionWithTheConfig() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var y = tf.math.mul(tf.constant(3f), tf.constant(2.5f));
      ConfigProto config = ConfigProto.newBuilder().putDeviceCount("CPU", 2).build();
      for (int i = 0; i < 2; i++) {
        try (Session s = TargetSessions.open(g, "", config);
            Result r = s.runner().fetch(y).run()) {
          assertThat(((TFloat32) r.get(0)).getFloat()).isEqualTo(7.5f);
        }
      }
    }
  }

  @Test
  void rejectsATargetThatIsNotGrpc() {
    try (Graph g = new Graph()) {
      assertThatThrownBy(
              () -> TargetSessions.open(g, "http://a:1", ConfigProto.getDefaultInstance()))
          .hasMessage("target must start with grpc://, got http://a:1");
    }
  }

  @Test
  void diagnosisNamesOnlyThePeersThatRefuseConnections() throws Exception {
    try (ServerSocket alive = new ServerSocket(0)) {
      int dead = LocalCluster.freePorts(1).get(0);
      // task 1 is this process (not probed); task 0 listens
      CollectiveFailure f =
          CollectiveFailure.diagnose(
              ClusterSpec.localhost(List.of(alive.getLocalPort(), dead), 1),
              new IllegalStateException("Operation timed out.\ndetails"),
              Duration.ofSeconds(1));
      assertThat(f.unreachableTasks()).isEmpty();
      assertThat(f)
          .hasMessage(
              "task 1 of 2: collective step failed; every peer still accepts connections"
                  + " (IllegalStateException: Operation timed out.)");
      CollectiveFailure g =
          CollectiveFailure.diagnose(
              ClusterSpec.localhost(List.of(dead, alive.getLocalPort()), 1),
              new IllegalStateException("x"),
              Duration.ofSeconds(1));
      assertThat(g.unreachableTasks()).containsExactly(0);
      assertThat(g)
          .hasMessage(
              "task 1 of 2: collective step failed; task 0 (localhost:"
                  + dead
                  + ") is not reachable (IllegalStateException: x)");
    }
  }
}
