package kr.bench.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kr.core.graph.Checks;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.NodeOutput;
import org.tensorflow.proto.RunMetadata;

/**
 * Per-op times of traced steps (TensorFlow's step statistics, {@code RunOptions} FULL_TRACE), each
 * op attributed to a phase, a module path and a role ({@link OpAttribution}), averaged over the
 * steps. Every op lands in exactly one row of each grouping, so every grouping sums to {@link
 * #totalMicros()}.
 */
public final class StepProfile {

  /**
   * One op's mean time per step.
   *
   * @param name the executed op's name
   * @param type its type as executed
   * @param phase forward, backward or update
   * @param path its module path
   * @param role its role
   * @param micros mean op time per step (the time the op's kernel ran, not its wait)
   * @param outputBytes bytes of the op's outputs (allocated for this step)
   */
  public record OpTime(
      String name,
      String type,
      Phase phase,
      String path,
      OpRole role,
      double micros,
      long outputBytes) {}

  /**
   * A group's time.
   *
   * @param key what the group is (a role label, a path, an op type)
   * @param micros mean time per step
   * @param ops how many ops
   */
  public record Group(String key, double micros, int ops) {}

  private final List<OpTime> ops;
  private final int steps;

  private StepProfile(List<OpTime> ops, int steps) {
    this.ops = List.copyOf(ops);
    this.steps = steps;
  }

  /**
   * The profile of traced runs of the graph {@code graph}.
   *
   * @param runs the metadata of each traced run (at least one)
   */
  public static StepProfile of(GraphDef graph, List<RunMetadata> runs) {
    Checks.check(!runs.isEmpty(), "traced runs", runs.size(), "must be at least one");
    OpAttribution attribution = OpAttribution.of(graph);
    Map<String, double[]> nanos = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    for (RunMetadata run : runs) {
      for (DeviceStepStats device : run.getStepStats().getDevStatsList()) {
        for (NodeExecStats n : device.getNodeStatsList()) {
          types.putIfAbsent(n.getNodeName(), typeOf(n));
          bytes.putIfAbsent(n.getNodeName(), outputBytes(n));
          nanos.computeIfAbsent(n.getNodeName(), k -> new double[1])[0] += opNanos(n);
        }
      }
    }
    List<OpTime> ops = new ArrayList<>();
    for (Map.Entry<String, double[]> e : nanos.entrySet()) {
      String type = types.get(e.getKey());
      OpAttribution.Attribution a = attribution.attribute(e.getKey(), type);
      ops.add(
          new OpTime(
              e.getKey(),
              type,
              a.phase(),
              a.path(),
              a.role(),
              e.getValue()[0] / 1e3 / runs.size(),
              bytes.get(e.getKey())));
    }
    ops.sort(Comparator.comparingDouble(OpTime::micros).reversed());
    return new StepProfile(ops, runs.size());
  }

  /** From its op rows (tests, or a profile read back). */
  static StepProfile ofOps(List<OpTime> ops, int steps) {
    return new StepProfile(ops, steps);
  }

  private static double opNanos(NodeExecStats n) {
    long ns = n.getOpEndRelNanos() - n.getOpStartRelNanos();
    if (ns > 0) {
      return ns;
    }
    return (n.getOpEndRelMicros() - n.getOpStartRelMicros()) * 1e3;
  }

  private static long outputBytes(NodeExecStats n) {
    long b = 0;
    for (NodeOutput o : n.getOutputList()) {
      b += o.getTensorDescription().getAllocationDescription().getRequestedBytes();
    }
    return b;
  }

  /** The executed op type from the timeline label "[...] name = Type(inputs)". */
  static String typeOf(NodeExecStats n) {
    String label = n.getTimelineLabel();
    int eq = label.indexOf(" = ");
    if (eq < 0) {
      return n.getNodeName().startsWith("_") ? n.getNodeName() : "?";
    }
    int paren = label.indexOf('(', eq);
    return label.substring(eq + 3, paren < 0 ? label.length() : paren).trim();
  }

  /** Every op, slowest first. */
  public List<OpTime> ops() {
    return ops;
  }

  /** Traced steps averaged. */
  public int steps() {
    return steps;
  }

  /** Sum of every op's time per step, µs (with parallel ops, more than the wall time). */
  public double totalMicros() {
    return ops.stream().mapToDouble(OpTime::micros).sum();
  }

  /** Time per step of one phase, µs. */
  public double micros(Phase phase) {
    return ops.stream().filter(o -> o.phase() == phase).mapToDouble(OpTime::micros).sum();
  }

  /** Bytes of the outputs of one phase's ops, per role (what that phase allocates in a step). */
  public Map<OpRole, Long> outputBytes(Phase phase) {
    Map<OpRole, Long> m = new EnumMap<>(OpRole.class);
    for (OpRole r : OpRole.values()) {
      m.put(r, 0L);
    }
    for (OpTime o : ops) {
      if (o.phase() == phase) {
        m.merge(o.role(), o.outputBytes(), Long::sum);
      }
    }
    return m;
  }

  /** Per role and phase, µs: every role, every phase (zeros included). */
  public Map<OpRole, Map<Phase, Double>> byRoleAndPhase() {
    Map<OpRole, Map<Phase, Double>> m = new EnumMap<>(OpRole.class);
    for (OpRole r : OpRole.values()) {
      Map<Phase, Double> p = new EnumMap<>(Phase.class);
      for (Phase ph : Phase.values()) {
        p.put(ph, 0.0);
      }
      m.put(r, p);
    }
    for (OpTime o : ops) {
      m.get(o.role()).merge(o.phase(), o.micros(), Double::sum);
    }
    return m;
  }

  /** Groups by module path, slowest first. */
  public List<Group> byPath() {
    return group(o -> o.path().isEmpty() ? "(root)" : o.path());
  }

  /** Groups by executed op type, slowest first. */
  public List<Group> byType() {
    return group(OpTime::type);
  }

  /** Groups by role, slowest first. */
  public List<Group> byRole() {
    return group(o -> o.role().label());
  }

  private List<Group> group(Function<OpTime, String> key) {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (OpTime o : ops) {
      double[] v = m.computeIfAbsent(key.apply(o), k -> new double[2]);
      v[0] += o.micros();
      v[1]++;
    }
    List<Group> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(new Group(k, v[0], (int) v[1])));
    out.sort(Comparator.comparingDouble(Group::micros).reversed());
    return out;
  }
}
