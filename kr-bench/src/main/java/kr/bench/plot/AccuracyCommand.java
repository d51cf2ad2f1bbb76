package kr.bench.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kr plot accuracy [--ours FILE] [--out FILE]}: the paper's Fig. 1a points ({@link
 * PaperPoints}) and, optionally, ours from a JSON array of {@code {"method", "model", "flops",
 * "top1"}} objects (FLOPs per image, top-1 in percent).
 */
@Command(
    name = "accuracy",
    mixinStandardHelpOptions = true,
    description = "Plot ImageNet top-1 against FLOPs: the paper's points and optionally ours.")
public final class AccuracyCommand implements Callable<Integer> {
  @Option(
      names = "--ours",
      paramLabel = "FILE",
      description =
          "JSON array of {\"method\", \"model\", \"flops\", \"top1\"} (top-1 in %%) to plot"
              + " next to the paper's points (default: the paper's only).")
  Path ours;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "accuracy-flops.png",
      description = "PNG to write.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One of our points as written in the {@code --ours} file. */
  record OursPoint(String method, String model, double flops, double top1) {}

  @Override
  public Integer call() {
    List<AccuracyPoint> points = new ArrayList<>(PaperPoints.imagenet());
    if (ours != null) {
      points.addAll(readOurs(ours));
    }
    try {
      AccuracyFlopsFigure.write(out, points);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException("--out " + out + ": " + e.getCause().getMessage());
    }
    spec.commandLine().getOut().println("wrote " + out + " (" + points.size() + " points)");
    return 0;
  }

  static List<AccuracyPoint> readOurs(Path file) {
    ObjectMapper json =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    OursPoint[] read;
    try {
      read = json.readValue(Files.readString(file), OursPoint[].class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("--ours " + file + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("--ours " + file + ": cannot read (" + e + ")");
    }
    List<AccuracyPoint> out = new ArrayList<>();
    for (int i = 0; i < read.length; i++) {
      OursPoint p = read[i];
      try {
        out.add(
            new AccuracyPoint(
                p.method(), p.model(), p.flops(), p.top1(), AccuracyPoint.Source.OURS));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--ours " + file + " entry " + i + ": " + e.getMessage());
      }
    }
    return out;
  }
}
