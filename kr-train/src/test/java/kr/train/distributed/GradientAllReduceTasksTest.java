package kr.train.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two tasks as child processes on free loopback ports, each ended by its handle. */
@Timeout(180)
class GradientAllReduceTasksTest {
  private static String cluster(List<Integer> ports) {
    return "localhost:" + ports.get(0) + ",localhost:" + ports.get(1);
  }

  @Test
  void bothTasksObtainTheMean() throws Exception {
    String cluster = cluster(LocalCluster.freePorts(2));
    try (ChildTasks tasks = new ChildTasks()) {
      tasks.start(cluster, 0, "60", "2", "3", "1000");
      tasks.start(cluster, 1, "60", "2", "3", "1000");
      for (int t = 0; t < 2; t++) {
        assertThat(tasks.awaitExit(t, 120)).as("exit of task %d: %s", t, tasks.output(t)).isZero();
        // tensor k holds (t + 1) * (k + 1) on task t: the mean over t = 0, 1 is 1.5 * (k + 1)
        assertThat(tasks.output(t)).contains("MEAN 0 1.5", "MEAN 1 3.0");
      }
    }
  }

  @Test
  void aKilledPeerFailsTheOtherTaskWithinTheTimeoutNamingIt() throws Exception {
    List<Integer> ports = LocalCluster.freePorts(2);
    String cluster = cluster(ports);
    try (ChildTasks tasks = new ChildTasks()) {
      int peer = tasks.start(cluster, 1, "5", "0");
      tasks.awaitLine(peer, "READY", 60);
      tasks.process(peer).destroyForcibly().waitFor();
      long t0 = System.nanoTime();
      int chief = tasks.start(cluster, 0, "5", "1", "4");
      int code = tasks.awaitExit(chief, 90);
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(code).as("exit code, output %s", tasks.output(chief)).isEqualTo(3);
      assertThat(tasks.output(chief))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith(
                          "FAILED task 0 of 2: collective step failed; task 1 (localhost:"
                              + ports.get(1)
                              + ") is not reachable ("));
      assertThat(seconds).as("seconds until task 0 gave up").isLessThan(60);
    }
  }
}
