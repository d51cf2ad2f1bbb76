package kr.train.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.core.graph.Checks;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * The mean of every gradient over the members of a collective group, built from TensorFlow's {@code
 * CollectiveReduce} op (merge {@code Add}, final {@code Div}: the sum over the group divided by the
 * group size).
 *
 * <p>Two groupings, the same op: {@link #acrossTasks} for one replica per process (each task builds
 * the same graph and calls it with its own device; the {@code N} processes meet over gRPC), and
 * {@link #acrossDevices} for several replicas in one graph (local GPUs, or virtual CPU devices from
 * {@code ConfigProto.putDeviceCount("CPU", n)}). Members of a group find each other by {@link
 * Settings#groupKey()}, and the {@code i}-th gradient of every member by the instance key {@code
 * firstInstanceKey + i}: every member must pass its gradients in the same order (the
 * trainable-parameter order), and two all-reduces live in one graph only with disjoint keys.
 *
 * <p>Fused ({@link Settings#withFused}), the gradients travel as one flat tensor under instance key
 * {@code firstInstanceKey}: one collective per step instead of one per parameter.
 *
 * <p>The {@code timeout_seconds} attribute makes a member whose peer died fail with {@code
 * DeadlineExceeded} instead of waiting for ever; {@link CollectiveFailure#diagnose} then names the
 * task that cannot be reached.
 */
public final class GradientAllReduce {
  /**
   * Settings of one all-reduce.
   *
   * @param groupSize number of members: tasks, or local devices
   * @param groupKey the group's key, the same on every member, {@code >= 1}
   * @param firstInstanceKey instance key of the first gradient, {@code >= 1}
   * @param hint the collective implementation
   * @param timeout how long a member waits for its peers before failing, at least 1 ms
   * @param fused whether all gradients travel as one flat tensor (one collective instead of one per
   *     parameter)
   */
  public record Settings(
      int groupSize,
      int groupKey,
      int firstInstanceKey,
      CommunicationHint hint,
      Duration timeout,
      boolean fused) {
    /** Default group key. */
    public static final int GROUP_KEY = 1;

    /** Default first instance key. */
    public static final int FIRST_INSTANCE_KEY = 1;

    /** Default wait for peers. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Validates the settings. */
    public Settings {
      Checks.positive("groupSize", groupSize);
      Checks.positive("groupKey", groupKey);
      Checks.positive("firstInstanceKey", firstInstanceKey);
      Checks.notNull("hint", hint);
      Checks.notNull("timeout", timeout);
      Checks.check(timeout.toMillis() >= 1, "timeout", timeout, "must be at least 1 ms");
    }

    /**
     * @return defaults for a group of {@code groupSize} members: keys 1, {@code AUTO}, 60 s, not
     *     fused
     */
    public static Settings of(int groupSize) {
      return new Settings(
          groupSize, GROUP_KEY, FIRST_INSTANCE_KEY, CommunicationHint.AUTO, TIMEOUT, false);
    }

    /**
     * @return these settings with another group key
     */
    public Settings withGroupKey(int value) {
      return new Settings(groupSize, value, firstInstanceKey, hint, timeout, fused);
    }

    /**
     * @return these settings with another first instance key
     */
    public Settings withFirstInstanceKey(int value) {
      return new Settings(groupSize, groupKey, value, hint, timeout, fused);
    }

    /**
     * @return these settings with another communication hint
     */
    public Settings withHint(CommunicationHint value) {
      return new Settings(groupSize, groupKey, firstInstanceKey, value, timeout, fused);
    }

    /**
     * @return these settings with another timeout
     */
    public Settings withTimeout(Duration value) {
      return new Settings(groupSize, groupKey, firstInstanceKey, hint, value, fused);
    }

    /**
     * @param value whether to fuse: all gradients are flattened and concatenated, reduced by one
     *     collective and split back, which trades one copy of the gradients for the per-collective
     *     cost (measured in {@code docs/scaling.md})
     * @return these settings with fusion on or off
     */
    public Settings withFused(boolean value) {
      return new Settings(groupSize, groupKey, firstInstanceKey, hint, timeout, value);
    }

    /**
     * @return the collective group these settings name
     */
    public CollectiveGroup group() {
      return new CollectiveGroup(groupSize, groupKey, hint, timeout);
    }
  }

  private final Settings settings;

  /**
   * @param settings group size, keys, hint and timeout
   */
  public GradientAllReduce(Settings settings) {
    this.settings = Checks.notNull("settings", settings);
  }

  /**
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  /**
   * This task's share of an all-reduce over {@code groupSize} tasks: every task calls it with its
   * own gradients, in the same order, and its own device (e.g. {@link ClusterSpec#cpu}{@code
   * (taskIndex)}).
   *
   * @param tf graph ops
   * @param gradients one gradient per trainable parameter
   * @param device where this task's reduction runs
   * @return the mean of each gradient over all tasks, in the order given
   */
  public <T extends TNumber> List<Operand<T>> acrossTasks(
      Ops tf, List<Operand<T>> gradients, DeviceSpec device) {
    Checks.notNull("tf", tf);
    Checks.notNull("gradients", gradients);
    Checks.notNull("device", device);
    return reduceAll(tf, gradients, device);
  }

  /**
   * An all-reduce over replicas of one graph: {@code perDevice.get(d)} are the gradients computed
   * on {@code devices.get(d)}; {@code groupSize} must equal the number of devices.
   *
   * @param tf graph ops
   * @param perDevice for each device, one gradient per trainable parameter (same order and count on
   *     every device)
   * @param devices the device of each replica
   * @return for each device, the mean of each gradient over all devices, placed on that device
   */
  public <T extends TNumber> List<List<Operand<T>>> acrossDevices(
      Ops tf, List<List<Operand<T>>> perDevice, List<DeviceSpec> devices) {
    Checks.notNull("tf", tf);
    Checks.notNull("perDevice", perDevice);
    Checks.notNull("devices", devices);
    Checks.check(
        devices.size() == settings.groupSize(),
        "devices",
        devices.size(),
        "must number groupSize = " + settings.groupSize());
    Checks.check(
        perDevice.size() == devices.size(),
        "perDevice",
        perDevice.size(),
        "must hold one gradient list per device (" + devices.size() + ")");
    int n = perDevice.get(0).size();
    List<List<Operand<T>>> out = new ArrayList<>(devices.size());
    for (int d = 0; d < devices.size(); d++) {
      List<Operand<T>> grads = perDevice.get(d);
      Checks.check(
          grads.size() == n, "perDevice[" + d + "]", grads.size(), "must hold " + n + " gradients");
      out.add(reduceAll(tf, grads, devices.get(d)));
    }
    return List.copyOf(out);
  }

  private <T extends TNumber> List<Operand<T>> reduceAll(
      Ops tf, List<Operand<T>> gradients, DeviceSpec device) {
    if (!settings.fused() || gradients.size() < 2) {
      List<Operand<T>> out = new ArrayList<>(gradients.size());
      for (int i = 0; i < gradients.size(); i++) {
        out.add(reduce(tf, gradients.get(i), device, i));
      }
      return List.copyOf(out);
    }
    Ops on = tf.withDevice(device);
    List<Operand<T>> flat = new ArrayList<>(gradients.size());
    List<Operand<TInt64>> sizes = new ArrayList<>(gradients.size());
    for (int i = 0; i < gradients.size(); i++) {
      Operand<T> g = Checks.notNull("gradient " + i, gradients.get(i));
      Shape shape = g.shape();
      // A gradient's static shape may be unknown (e.g. one built through a gather): its size and
      // shape are then read at run time.
      sizes.add(
          known(shape)
              ? on.constant(new long[] {shape.size()})
              : on.reshape(on.size(g, TInt64.class), on.constant(new long[] {1})));
      flat.add(on.reshape(g, on.constant(new long[] {-1})));
    }
    Operand<T> mean = reduce(tf, on.concat(flat, on.constant(0)), device, 0);
    List<Output<T>> parts =
        on.splitV(mean, on.concat(sizes, on.constant(0)), on.constant(0), (long) sizes.size())
            .output();
    List<Operand<T>> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      Operand<T> g = gradients.get(i);
      out.add(
          on.reshape(
              parts.get(i),
              known(g.shape()) ? on.constant(g.shape().asArray()) : on.shape(g, TInt64.class)));
    }
    return List.copyOf(out);
  }

  private static boolean known(Shape s) {
    return !s.isUnknown() && !s.hasUnknownDimension();
  }

  private <T extends TNumber> Operand<T> reduce(
      Ops tf, Operand<T> gradient, DeviceSpec device, int index) {
    Checks.notNull("gradient " + index, gradient);
    return Collectives.reduce(
        tf,
        gradient,
        device,
        settings.group(),
        Math.addExact(settings.firstInstanceKey(), index),
        Collectives.Reduction.MEAN);
  }
}
