package kr.core.graph;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;

/**
 * A cheap name scope, so that every op a module builds is named after the module's path ({@code
 * block3/mlp/fc1/MatMul}, and its gradient {@code gradients/block3/mlp/fc1/MatMul_grad/...}): what
 * {@code kr profile} groups op times by, and what TensorFlow's error messages name.
 *
 * <p>Why not TF Java's own sub-scopes: {@code Ops.withSubScope} re-reads the name of every op in
 * the graph to seed each new scope's name table, which makes building a deep model quadratic (a
 * ViT-Nano KR graph took a minute). Here one name table per graph is shared by every scope, and a
 * name is also checked against the graph itself, so ops built through other scopes never collide.
 * Control dependencies, device and the init scope are those of the wrapped root scope.
 *
 * <p>The bridge: {@code Ops} has no public constructor taking a {@link Scope} (TF Java 1.1.0), so
 * {@link #root} calls its package-private one by reflection, once per build; when that is not
 * allowed (TF Java on the module path) it returns the given {@code Ops} unchanged and ops keep TF
 * Java's generated names.
 */
final class PathScope implements Scope {
  private static final Constructor<Ops> OPS = opsConstructor();

  private final Scope base;
  private final Names names;
  private final String prefix;
  private final String opName;

  private PathScope(Scope base, Names names, String prefix, String opName) {
    this.base = base;
    this.names = names;
    this.prefix = prefix;
    this.opName = opName;
  }

  /** An {@code Ops} over {@code tf}'s graph and scope whose sub-scopes are path scopes. */
  static Ops root(Ops tf) {
    if (OPS == null || !(tf.scope().env() instanceof Graph graph)) {
      return tf;
    }
    try {
      return OPS.newInstance(new PathScope(tf.scope(), new Names(graph), "", null));
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      return tf;
    }
  }

  private static Constructor<Ops> opsConstructor() {
    try {
      Constructor<Ops> c = Ops.class.getDeclaredConstructor(Scope.class);
      c.setAccessible(true);
      return c;
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
  }

  private PathScope with(Scope newBase) {
    return new PathScope(newBase, names, prefix, opName);
  }

  private String qualify(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  @Override
  public ExecutionEnvironment env() {
    return base.env();
  }

  /** A scope one level down; unlike TF Java's, the same name twice gives the same path. */
  @Override
  public Scope withSubScope(String childScopeName) {
    check(childScopeName);
    return new PathScope(base, names, qualify(childScopeName), null);
  }

  @Override
  public Scope withName(String name) {
    check(name);
    return new PathScope(base, names, prefix, name);
  }

  @Override
  public Scope withNameAsSubScope(String defaultName) {
    return withSubScope(opName != null ? opName : defaultName);
  }

  @Override
  public Scope withDevice(DeviceSpec deviceSpec) {
    return with(base.withDevice(deviceSpec));
  }

  @Override
  public Scope withInitScope() {
    return with(base.withInitScope());
  }

  @Override
  public String makeOpName(String defaultName) {
    String leaf = opName != null ? opName : defaultName;
    if (prefix.isEmpty()) {
      // The root keeps TF Java's own names (and name table), as ops built without a path.
      return (opName != null ? base.withName(opName) : base).makeOpName(defaultName);
    }
    return names.unique(qualify(leaf));
  }

  /** A name {@code id} or {@code id_<k>} that no op under this scope has yet (not reserved). */
  @Override
  public String makeUnique(String id) {
    return names.freeLeaf(prefix, id);
  }

  @Override
  public void refreshNames() {
    // Names are checked against the graph when made.
  }

  @Override
  public Scope withControlDependencyOps(Iterable<Operation> controls) {
    return with(base.withControlDependencyOps(controls));
  }

  @Override
  public OperationBuilder apply(OperationBuilder builder) {
    return base.apply(builder);
  }

  @Override
  public String getDeviceString() {
    return base.getDeviceString();
  }

  @Override
  public boolean isInit() {
    return base.isInit();
  }

  private static void check(String name) {
    Checks.check(
        Scope.isValidOpName(name) && !name.contains("/"),
        "scope name",
        name,
        "must be a valid TensorFlow op name without '/'");
  }

  /** The op names made through path scopes of one graph. */
  private static final class Names {
    private final Graph graph;
    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> next = new HashMap<>();

    Names(Graph graph) {
      this.graph = graph;
    }

    synchronized String unique(String name) {
      if (free(name)) {
        used.add(name);
        return name;
      }
      int i = next.getOrDefault(name, 1);
      String candidate = name + "_" + i;
      while (!free(candidate)) {
        candidate = name + "_" + ++i;
      }
      next.put(name, i + 1);
      used.add(candidate);
      return candidate;
    }

    synchronized String freeLeaf(String prefix, String id) {
      String leaf = id;
      for (int i = 1; !free(prefix.isEmpty() ? leaf : prefix + "/" + leaf); i++) {
        leaf = id + "_" + i;
      }
      return leaf;
    }

    private boolean free(String name) {
      return !used.contains(name) && graph.operation(name) == null;
    }
  }
}
