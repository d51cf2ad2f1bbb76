package kr.bench.profile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kr.core.dynamic.DynamicLinear;
import kr.core.graph.Checks;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Which phase, module path and {@link OpRole} each op of a training graph belongs to.
 *
 * <p>Forward ops are named after their module's path ({@code block3/mlp/fc1/dynamic/BatchMatMulV3};
 * see {@code BuildContext}), and the role follows from the path (a KR unit's {@code kr/rf}, {@code
 * kr/<slot>}, {@code kr/krg_*}; a dynamic layer's {@code dynamic} and {@code aggregate} scopes;
 * norm layers) and the op type. TensorFlow's C++ gradient builder names its ops flatly ({@code
 * gradients/MatMul_25}), so a backward op is attributed to the forward op whose gradient function
 * built it: each gradient function reads only that op's inputs and outputs, and builds its ops one
 * after the other (the graph's node order). Walking the backward ops in that order, the forward ops
 * that could have built an op are those whose inputs or outputs it reads; a run of ops is one
 * gradient function as long as these sets keep a common member, which is then the forward op. Ops
 * that read no forward tensor (sums of incoming gradients) join the run they sit in.
 */
final class OpAttribution {
  /** Scopes the graph optimizer (grappler) adds to names of ops it rewrites. */
  private static final Pattern GRAPPLER =
      Pattern.compile("[A-Za-z]*Optimizer|ConstantFolding|Remapper|_Mkl.*");

  private static final Pattern NORM = Pattern.compile("(.*_)?bn\\d*|(.*_)?norm\\d*|ln\\d*");

  private static final Set<String> PRODUCTS =
      Set.of(
          "MatMul",
          "BatchMatMul",
          "BatchMatMulV2",
          "BatchMatMulV3",
          "Einsum",
          "Conv2D",
          "Conv2DBackpropInput",
          "Conv2DBackpropFilter",
          "DepthwiseConv2dNative",
          "DepthwiseConv2dNativeBackpropInput",
          "DepthwiseConv2dNativeBackpropFilter",
          "_FusedMatMul",
          "_FusedConv2D",
          "_FusedBatchMatMulV2",
          "_MklMatMul",
          "_MklFusedMatMul",
          "_MklBatchMatMulV2",
          "_MklConv2D",
          "_MklNativeConv2D",
          "_MklNativeFusedConv2D",
          "_MklFusedConv2D",
          "_MklNativeFusedMatMul");

  private static final Set<String> LAYOUT =
      Set.of(
          "Transpose",
          "ConjugateTranspose",
          "ConcatV2",
          "Concat",
          "Pack",
          "Unpack",
          "Slice",
          "StridedSlice",
          "StridedSliceGrad",
          "Pad",
          "PadV2",
          "Tile",
          "Reshape",
          "ExpandDims",
          "Squeeze",
          "GatherV2",
          "Split",
          "SplitV",
          "BroadcastTo",
          "_MklTranspose",
          "_MklConjugateTranspose");

  private static final Set<String> TRIVIAL =
      Set.of(
          "Const",
          "NoOp",
          "Placeholder",
          "VariableV2",
          "VarHandleOp",
          "Identity",
          "_SOURCE",
          "_SINK",
          "_Recv",
          "_Send",
          "_Arg",
          "_Retval",
          "Shape",
          "Size",
          "Rank");

  /**
   * Where one op belongs.
   *
   * @param phase forward, backward or update
   * @param path the module path of the op (of its forward op, for a backward op); "" at the root
   * @param role what it does
   */
  record Attribution(Phase phase, String path, OpRole role) {}

  private final Map<String, Integer> order = new HashMap<>();
  private final Map<String, String> types = new HashMap<>();
  private final Map<String, String> forwardOf = new HashMap<>();

  private OpAttribution() {}

  /** Attributes every node of a graph. */
  static OpAttribution of(GraphDef graph) {
    Checks.notNull("graph", graph);
    OpAttribution a = new OpAttribution();
    List<NodeDef> nodes = graph.getNodeList();
    Map<String, Set<String>> consumers = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      NodeDef n = nodes.get(i);
      a.order.put(n.getName(), i);
      a.types.put(n.getName(), n.getOp());
      if (phaseOf(n.getName()) == Phase.FORWARD) {
        for (String in : dataInputs(n)) {
          consumers.computeIfAbsent(in, k -> new LinkedHashSet<>()).add(n.getName());
        }
      }
    }
    // Backward ops in node order, cut into runs whose candidate forward ops intersect.
    List<String> run = new ArrayList<>();
    Set<String> common = null; // null: any
    for (NodeDef n : nodes) {
      if (phaseOf(n.getName()) != Phase.BACKWARD) {
        continue;
      }
      Set<String> cand = a.candidates(n, consumers);
      if (cand != null) {
        Set<String> next = common == null ? cand : intersect(common, cand);
        if (next.isEmpty()) {
          a.close(run, common);
          run.clear();
          next = cand;
        }
        common = next;
      }
      run.add(n.getName());
    }
    a.close(run, common);
    return a;
  }

  /** The forward ops whose gradient function may have built {@code n}; null when any. */
  private Set<String> candidates(NodeDef n, Map<String, Set<String>> consumers) {
    Set<String> cand = null;
    for (String in : dataInputs(n)) {
      if (phaseOf(in) != Phase.FORWARD) {
        continue;
      }
      String type = types.getOrDefault(in, "");
      if (type.equals("Const") || type.equals("Placeholder")) {
        continue;
      }
      Set<String> own = new LinkedHashSet<>();
      own.add(in);
      own.addAll(consumers.getOrDefault(in, Set.of()));
      cand = cand == null ? own : intersect(cand, own);
    }
    return cand;
  }

  private void close(List<String> run, Set<String> common) {
    if (common == null || run.isEmpty()) {
      return;
    }
    String best = null;
    for (String f : common) {
      if (best == null || better(f, best)) {
        best = f;
      }
    }
    for (String b : run) {
      forwardOf.put(b, best);
    }
  }

  /** Prefers an op that computes something over a read or a reshape, then the earlier one. */
  private boolean better(String f, String g) {
    boolean fc = !TRIVIAL.contains(types.get(f)) && !LAYOUT.contains(types.get(f));
    boolean gc = !TRIVIAL.contains(types.get(g)) && !LAYOUT.contains(types.get(g));
    if (fc != gc) {
      return fc;
    }
    return order.get(f) < order.get(g);
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> r = new LinkedHashSet<>(a);
    r.retainAll(b);
    return r;
  }

  private static List<String> dataInputs(NodeDef n) {
    List<String> out = new ArrayList<>();
    for (String in : n.getInputList()) {
      if (in.startsWith("^")) {
        continue;
      }
      int colon = in.lastIndexOf(':');
      out.add(colon < 0 ? in : in.substring(0, colon));
    }
    return out;
  }

  /** The phase an op name says: gradients/..., the trainer's update scopes, or forward. */
  static Phase phaseOf(String name) {
    String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
    if (first.matches("gradients(_\\d+)?")) {
      return Phase.BACKWARD;
    }
    if (first.equals("train")) {
      String rest = name.substring(first.length() + 1);
      if (rest.startsWith("optimizer")
          || rest.startsWith("train_step")
          || rest.startsWith("slot")) {
        return Phase.UPDATE;
      }
    }
    return Phase.FORWARD;
  }

  /**
   * Where the executed op {@code name} of type {@code type} belongs. Ops the graph optimizer made
   * are looked up by their name without its scope; unknown backward ops get the role of their type.
   */
  Attribution attribute(String name, String type) {
    Phase phase = phaseOf(name);
    String known = order.containsKey(name) ? name : withoutGrappler(name);
    if (phase == Phase.UPDATE) {
      return new Attribution(phase, modulePath(known), OpRole.OPTIMIZER);
    }
    if (phase == Phase.BACKWARD) {
      String f = forwardOf.get(known);
      if (f == null) {
        return new Attribution(phase, "", roleOf("", type));
      }
      String path = modulePath(f);
      OpRole role = roleOf(path, types.get(f));
      if (PRODUCTS.contains(type) && !PRODUCT_ROLES.contains(role)) {
        // The forward op found first was an element-wise neighbour of a product (the attention's
        // scaling of q·kᵀ, say): a product in the backward pass is the gradient of a product.
        role = roleOf(path, type);
      }
      return new Attribution(phase, path, role);
    }
    String path = modulePath(known);
    return new Attribution(phase, path, roleOf(path, type));
  }

  /** The name without the segments grappler adds, when that names a node of the graph. */
  private String withoutGrappler(String name) {
    List<String> kept = new ArrayList<>();
    for (String s : name.split("/")) {
      if (!GRAPPLER.matcher(s).matches()) {
        kept.add(s);
      }
    }
    String stripped = String.join("/", kept);
    return order.containsKey(stripped) ? stripped : name;
  }

  /** "block0/mlp/fc1/dynamic/MatMul" → "block0/mlp/fc1/dynamic"; "MatMul_3" → "". */
  static String modulePath(String name) {
    String n = name;
    if (phaseOf(n) == Phase.BACKWARD) {
      n = n.substring(n.indexOf('/') + 1);
    }
    List<String> kept = new ArrayList<>();
    String[] parts = n.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (!GRAPPLER.matcher(parts[i]).matches()) {
        kept.add(parts[i]);
      }
    }
    return String.join("/", kept);
  }

  /** Roles whose ops are matrix products or convolutions. */
  static final Set<OpRole> PRODUCT_ROLES =
      EnumSet.of(
          OpRole.BACKBONE_PRODUCT,
          OpRole.DYNAMIC_PRODUCT,
          OpRole.AGGREGATION,
          OpRole.RF,
          OpRole.KG,
          OpRole.KRG,
          OpRole.INITIAL_REPRESENTATION);

  /** The role of a forward op at {@code path} of type {@code type}. */
  static OpRole roleOf(String path, String type) {
    List<String> s = path.isEmpty() ? List.of() : List.of(path.split("/"));
    if (!s.isEmpty() && (s.get(0).equals("train") || s.get(0).equals("eval"))) {
      return OpRole.OTHER;
    }
    if (TRIVIAL.contains(type) || (type.equals("Assign") && s.isEmpty())) {
      return OpRole.OTHER;
    }
    int kr = s.indexOf("kr");
    if (kr >= 0) {
      if (kr == s.size() - 1) {
        return OpRole.RF;
      }
      String part = s.get(kr + 1);
      if (part.equals("rf") || part.equals("gap_fc")) {
        return OpRole.RF;
      }
      return part.startsWith("krg") ? OpRole.KRG : OpRole.KG;
    }
    if (s.contains("d0")) {
      return OpRole.INITIAL_REPRESENTATION;
    }
    if (s.contains("attention") || s.contains("routing") || s.contains("lwe")) {
      return OpRole.KG;
    }
    if (s.contains(DynamicLinear.AGGREGATE_SCOPE)) {
      return OpRole.AGGREGATION;
    }
    if (s.contains(DynamicLinear.DYNAMIC_SCOPE)) {
      return OpRole.DYNAMIC_PRODUCT;
    }
    if (s.stream().anyMatch(p -> NORM.matcher(p).matches()) || type.startsWith("FusedBatchNorm")) {
      return OpRole.NORMALISATION;
    }
    if (PRODUCTS.contains(type)) {
      return OpRole.BACKBONE_PRODUCT;
    }
    if (type.equals("Softmax") || type.equals("_MklSoftmax")) {
      return OpRole.SOFTMAX;
    }
    if (LAYOUT.contains(type)) {
      return OpRole.LAYOUT;
    }
    return OpRole.ELEMENTWISE;
  }
}
