package kr.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of every parameter of one graph, by path, in creation order.
 *
 * <p>Two builds of the same model in one graph (training and inference mode) share a store, so they
 * share the variables: the second build finds each path already declared and reuses it, after
 * checking that the declaration matches.
 */
public final class ParameterStore {
  private final Map<String, Parameter> byPath = new LinkedHashMap<>();

  /** The parameter at {@code path}, if declared. */
  public Optional<Parameter> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  void add(Parameter p) {
    Parameter old = byPath.putIfAbsent(p.path(), p);
    if (old != null) {
      throw new IllegalStateException("parameter " + p.path() + " declared twice");
    }
  }

  /** Every parameter, trainable or not, in creation order. */
  public List<Parameter> all() {
    return Collections.unmodifiableList(new ArrayList<>(byPath.values()));
  }

  /** The parameters the optimizer updates. */
  public List<Parameter> trainable() {
    return byPath.values().stream().filter(Parameter::trainable).toList();
  }

  /** Number of trainable scalars (BN γ/β included, running statistics excluded). */
  public long trainableCount() {
    return byPath.values().stream().filter(Parameter::trainable).mapToLong(Parameter::size).sum();
  }

  public int size() {
    return byPath.size();
  }

  /** One line per parameter: path, shape, trainable or state. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Parameter p : byPath.values()) {
      sb.append(p.path())
          .append(' ')
          .append(p.spec().shape())
          .append(p.trainable() ? "" : " (state)")
          .append('\n');
    }
    sb.append("trainable scalars: ").append(trainableCount()).append('\n');
    return sb.toString();
  }
}
