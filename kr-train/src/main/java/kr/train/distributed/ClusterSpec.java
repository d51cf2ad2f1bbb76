package kr.train.distributed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.core.graph.Checks;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;

/**
 * A cluster of {@code N} training tasks, all in the TensorFlow job {@value #JOB}, and the index of
 * the task this process runs. Task 0 is the chief: it alone writes checkpoints and metrics.
 *
 * <p>Built from the command line with {@link #parse(String, int)}: {@code --cluster
 * localhost:2222,localhost:2223 --task-index 1}. Errors are one line naming the flag and the
 * offending value.
 *
 * @param tasks the address of every task, task {@code i} at index {@code i}; distinct, at least one
 * @param taskIndex this process's task, in {@code 0..tasks.size()-1}
 */
public record ClusterSpec(List<TaskAddress> tasks, int taskIndex) {
  /** The TensorFlow job name every task belongs to. */
  public static final String JOB = "worker";

  /** Validates the task list and the index, and copies the list. */
  public ClusterSpec {
    Checks.notNull("tasks", tasks);
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("--cluster must list at least one host:port");
    }
    Set<TaskAddress> seen = new HashSet<>();
    for (TaskAddress t : tasks) {
      if (!seen.add(t)) {
        throw new IllegalArgumentException("--cluster lists " + t + " twice");
      }
    }
    if (taskIndex < 0 || taskIndex >= tasks.size()) {
      throw new IllegalArgumentException(
          "--task-index must be in 0.."
              + (tasks.size() - 1)
              + " for a cluster of "
              + tasks.size()
              + " tasks, got "
              + taskIndex);
    }
  }

  /**
   * Parses {@code --cluster host:port,host:port,...} and {@code --task-index I}.
   *
   * @throws IllegalArgumentException with a one-line message naming {@code --cluster} or {@code
   *     --task-index}
   */
  public static ClusterSpec parse(String cluster, int taskIndex) {
    if (cluster == null || cluster.isBlank()) {
      throw new IllegalArgumentException(
          "--cluster must list host:port,host:port,..., got an empty value");
    }
    List<TaskAddress> tasks = new ArrayList<>();
    for (String item : cluster.split(",", -1)) {
      tasks.add(parseAddress(item.strip()));
    }
    return new ClusterSpec(tasks, taskIndex);
  }

  /**
   * A cluster of {@code n} tasks on {@code localhost} at the given ports.
   *
   * @param ports one port per task
   * @param taskIndex this process's task
   */
  public static ClusterSpec localhost(List<Integer> ports, int taskIndex) {
    return new ClusterSpec(
        ports.stream().map(p -> new TaskAddress("localhost", p)).toList(), taskIndex);
  }

  private static TaskAddress parseAddress(String item) {
    int colon = item.lastIndexOf(':');
    if (colon <= 0 || colon == item.length() - 1) {
      throw new IllegalArgumentException("--cluster entry '" + item + "' is not host:port");
    }
    String host = item.substring(0, colon);
    String portText = item.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--cluster entry '" + item + "' has a port that is not a number");
    }
    try {
      return new TaskAddress(host, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--cluster entry '" + item + "': " + e.getMessage());
    }
  }

  /**
   * @return the number of tasks {@code N}
   */
  public int size() {
    return tasks.size();
  }

  /**
   * @return whether this process is task 0, the one that writes checkpoints and metrics
   */
  public boolean isChief() {
    return taskIndex == 0;
  }

  /**
   * @return this task's address
   */
  public TaskAddress self() {
    return tasks.get(taskIndex);
  }

  /**
   * @return the {@code grpc://host:port} target of this task's own server
   */
  public String target() {
    return "grpc://" + self();
  }

  /**
   * @return this cluster as TensorFlow's {@code ClusterDef}: one job {@value #JOB}, task {@code i}
   *     at its address
   */
  public ClusterDef toClusterDef() {
    JobDef.Builder job = JobDef.newBuilder().setName(JOB);
    for (int i = 0; i < tasks.size(); i++) {
      job.putTasks(i, tasks.get(i).toString());
    }
    return ClusterDef.newBuilder().addJob(job).build();
  }

  /**
   * @return the device name of task {@code task}'s CPU, {@code
   *     /job:worker/replica:0/task:T/device:CPU:0}
   */
  public static DeviceSpec cpu(int task) {
    return DeviceSpec.newBuilder()
        .job(JOB)
        .replica(0)
        .task(task)
        .deviceType(DeviceSpec.DeviceType.CPU)
        .deviceIndex(0)
        .build();
  }

  /**
   * @return the name of task {@code task}, {@code /job:worker/replica:0/task:T}
   */
  public static String taskName(int task) {
    return "/job:" + JOB + "/replica:0/task:" + task;
  }
}
