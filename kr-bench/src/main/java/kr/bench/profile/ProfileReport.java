package kr.bench.profile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.bench.profile.StepProfile.Group;
import kr.bench.profile.StepProfile.OpTime;

/** A {@link StepProfile} as Markdown tables and CSV files. */
public final class ProfileReport {
  private static final double MIB = 1024.0 * 1024.0;

  private ProfileReport() {}

  /**
   * Role × phase table, milliseconds per step, with each role's share of the total and the MiB its
   * forward ops output (what the forward pass allocates, much of it kept for the backward pass).
   */
  public static String roleTable(StepProfile p) {
    StringBuilder sb =
        new StringBuilder(
            "| role | forward ms | backward ms | update ms | total ms | share | forward out MiB |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
    double total = p.totalMicros();
    Map<OpRole, Long> out = p.outputBytes(Phase.FORWARD);
    for (Map.Entry<OpRole, Map<Phase, Double>> e : p.byRoleAndPhase().entrySet()) {
      Map<Phase, Double> m = e.getValue();
      double sum = m.values().stream().mapToDouble(Double::doubleValue).sum();
      if (sum == 0) {
        continue;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %.1f | %.1f%% | %.1f |%n",
              e.getKey().label(),
              m.get(Phase.FORWARD) / 1e3,
              m.get(Phase.BACKWARD) / 1e3,
              m.get(Phase.UPDATE) / 1e3,
              sum / 1e3,
              100 * sum / total,
              out.get(e.getKey()) / MIB));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "| **all** | %.1f | %.1f | %.1f | %.1f | 100%% | %.1f |%n",
            p.micros(Phase.FORWARD) / 1e3,
            p.micros(Phase.BACKWARD) / 1e3,
            p.micros(Phase.UPDATE) / 1e3,
            total / 1e3,
            out.values().stream().mapToLong(Long::longValue).sum() / MIB));
    return sb.toString();
  }

  /** The {@code top} largest groups, then the rest summed in one row. */
  public static String groupTable(String what, List<Group> groups, double total, int top) {
    StringBuilder sb =
        new StringBuilder("| " + what + " | ms | share | ops |\n|---|---:|---:|---:|\n");
    double rest = 0;
    int restOps = 0;
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      if (i < top) {
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %.1f%% | %d |%n",
                g.key(),
                g.micros() / 1e3,
                100 * g.micros() / total,
                g.ops()));
      } else {
        rest += g.micros();
        restOps += g.ops();
      }
    }
    if (groups.size() > top) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| (%d more) | %.2f | %.1f%% | %d |%n",
              groups.size() - top,
              rest / 1e3,
              100 * rest / total,
              restOps));
    }
    return sb.toString();
  }

  /** The {@code top} slowest ops. */
  public static String opTable(StepProfile p, int top) {
    StringBuilder sb =
        new StringBuilder("| op | type | phase | path | role | ms |\n|---|---|---|---|---|---:|\n");
    List<OpTime> ops = p.ops();
    for (int i = 0; i < Math.min(top, ops.size()); i++) {
      OpTime o = ops.get(i);
      sb.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %s | %s | %s | %.2f |%n",
              o.name(),
              o.type(),
              o.phase().label(),
              o.path().isEmpty() ? "(root)" : o.path(),
              o.role().label(),
              o.micros() / 1e3));
    }
    return sb.toString();
  }

  /** Every op: name, type, phase, path, role, µs per step, output bytes. */
  public static String opsCsv(StepProfile p) {
    StringBuilder sb = new StringBuilder("name,type,phase,path,role,micros,output_bytes\n");
    for (OpTime o : p.ops()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%s,%s,%.1f,%d%n",
              csv(o.name()),
              csv(o.type()),
              o.phase().label(),
              csv(o.path()),
              csv(o.role().label()),
              o.micros(),
              o.outputBytes()));
    }
    return sb.toString();
  }

  /** Role × phase, µs per step. */
  public static String rolesCsv(StepProfile p) {
    StringBuilder sb = new StringBuilder("role,forward,backward,update,total\n");
    for (Map.Entry<OpRole, Map<Phase, Double>> e : p.byRoleAndPhase().entrySet()) {
      Map<Phase, Double> m = e.getValue();
      sb.append(
          String.format(
              Locale.ROOT,
              "%s,%.1f,%.1f,%.1f,%.1f%n",
              csv(e.getKey().label()),
              m.get(Phase.FORWARD),
              m.get(Phase.BACKWARD),
              m.get(Phase.UPDATE),
              m.values().stream().mapToDouble(Double::doubleValue).sum()));
    }
    return sb.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
