package kr.bench.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import kr.bench.cli.CliRun;
import kr.bench.plot.TableFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the chosen tables under {@code kr table N --protocol smoke}, through the real
 * command: each row trains, none diverges, the report and its figures are written. Opt-in, since
 * every row is a full-size model (Table 4's ResNet-50 KR 4x writes two 770 MB checkpoints): about
 * half a CPU-minute per row, 92 rows; run it with {@code mvn verify -Dkr.tables=all} (or {@code
 * -Dkr.tables=2,6}) before changing the specs, the runner or a backbone.
 */
@EnabledIfSystemProperty(named = "kr.tables", matches = ".+")
class EveryRowSmokeTest {
  @TempDir Path dir;

  static List<Integer> tables() {
    String v = System.getProperty("kr.tables", "").trim();
    return v.equals("all")
        ? TableSpecs.NUMBERS
        : Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  @Test
  void everyRowOfTheChosenTablesTrainsUnderSmoke() throws IOException {
    for (int n : tables()) {
      Path out = dir.resolve("t" + n);
      CliRun r =
          CliRun.kr("table", String.valueOf(n), "--protocol", "smoke", "--out", out.toString());
      assertThat(r.code()).as("table %d: %s", n, r.err()).isZero();
      List<String> lines = Files.readAllLines(out.resolve("rows.csv"));
      int rows = TableSpecs.load(n).rows().size();
      assertThat(lines).as("table %d rows.csv", n).hasSize(rows + 1);
      int nColumn = Arrays.asList(lines.get(0).split(",")).indexOf("n");
      int divergedColumn = Arrays.asList(lines.get(0).split(",")).indexOf("diverged");
      for (String line : lines.subList(1, lines.size())) {
        // the label may hold commas inside quotes: count the fixed columns from the end
        String[] f = line.split(",");
        int fromEnd = lines.get(0).split(",").length;
        assertThat(f[f.length - fromEnd + nColumn]).as("table %d: %s", n, line).isEqualTo("1");
        assertThat(f[f.length - fromEnd + divergedColumn])
            .as("table %d: %s", n, line)
            .isEqualTo("0");
      }
      assertThat(out.resolve(TableFigures.ACCURACY)).exists();
      assertThat(out.resolve(TableFigures.CURVES)).exists();
    }
  }
}
