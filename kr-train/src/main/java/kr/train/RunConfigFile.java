package kr.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.core.graph.Checks;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;

/**
 * The content of a run's {@code config.json}: the resolved settings the run started with, the
 * command line as typed, the caller's {@code model} section and, for every resume that changed a
 * setting, a {@link Change} with the global step it took effect at. kr-train does not know
 * backbones: the model section is an opaque JSON object the caller writes from its own record
 * ({@link #modelSection}) and reads back ({@link #model(Class)}).
 *
 * @param formatVersion {@link #FORMAT_VERSION} (files of another version are refused on read)
 * @param commandLine the command line that started the run, as typed (empty if none)
 * @param optimizer the optimizer settings at step 0
 * @param loop the loop settings at step 0
 * @param run the run settings at step 0
 * @param model the caller's model section at step 0
 * @param history later changes, oldest first
 */
public record RunConfigFile(
    int formatVersion,
    List<String> commandLine,
    OptimizerConfig optimizer,
    LoopConfig loop,
    RunConfig run,
    ObjectNode model,
    List<Change> history) {

  /** The version of the {@code config.json} layout this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  public RunConfigFile {
    Checks.check(
        formatVersion == FORMAT_VERSION,
        "formatVersion",
        formatVersion,
        "must be " + FORMAT_VERSION);
    commandLine = List.copyOf(Checks.notNull("commandLine", commandLine));
    Checks.notNull("optimizer", optimizer);
    Checks.notNull("loop", loop);
    Checks.notNull("run", run);
    model = Checks.notNull("model", model).deepCopy();
    history = List.copyOf(Checks.notNull("history", history));
  }

  /**
   * Settings that changed when a run was resumed.
   *
   * @param globalStep the global step the run resumed from: the first step trained with them
   * @param commandLine the resuming command line, as typed
   * @param optimizer the optimizer settings from then on
   * @param loop the loop settings from then on
   * @param run the run settings from then on
   * @param model the model section from then on
   */
  public record Change(
      long globalStep,
      List<String> commandLine,
      OptimizerConfig optimizer,
      LoopConfig loop,
      RunConfig run,
      ObjectNode model) {
    public Change {
      Checks.check(globalStep >= 0, "globalStep", globalStep, "must be >= 0");
      commandLine = List.copyOf(Checks.notNull("commandLine", commandLine));
      Checks.notNull("optimizer", optimizer);
      Checks.notNull("loop", loop);
      Checks.notNull("run", run);
      model = Checks.notNull("model", model).deepCopy();
    }

    @Override
    public ObjectNode model() {
      return model.deepCopy();
    }
  }

  /** A new run's file. */
  public static RunConfigFile of(TrainConfig config, List<String> commandLine, ObjectNode model) {
    Checks.notNull("config", config);
    return new RunConfigFile(
        FORMAT_VERSION,
        commandLine,
        config.optimizer(),
        config.loop(),
        config.run(),
        model,
        List.of());
  }

  @Override
  public ObjectNode model() {
    return model.deepCopy();
  }

  /** The settings in effect now: the last change's, or the initial ones. */
  public TrainConfig effective() {
    if (history.isEmpty()) {
      return new TrainConfig(optimizer, loop, run);
    }
    Change c = history.get(history.size() - 1);
    return new TrainConfig(c.optimizer(), c.loop(), c.run());
  }

  /** The model section in effect now. */
  public ObjectNode effectiveModel() {
    return history.isEmpty() ? model() : history.get(history.size() - 1).model();
  }

  /** The model section in effect now as the caller's type. */
  public <T> T model(Class<T> type) {
    Checks.notNull("type", type);
    try {
      return Json.mapper().treeToValue(effectiveModel(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "config.json model section is not a "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** A model section from the caller's record (or any Jackson-serialisable object). */
  public static ObjectNode modelSection(Object value) {
    Checks.notNull("value", value);
    JsonNode node = Json.mapper().valueToTree(value);
    Checks.check(
        node instanceof ObjectNode,
        "model section",
        node.getNodeType(),
        "must serialise to a JSON object");
    return (ObjectNode) node;
  }

  /**
   * This file after a resume at {@code globalStep} with {@code config}: unchanged if the settings
   * (ignoring the resume flag) and the model section are those in effect, otherwise with one more
   * {@link Change}.
   */
  public RunConfigFile resumed(
      long globalStep, TrainConfig config, List<String> resumingLine, ObjectNode resumingModel) {
    TrainConfig now = effective();
    boolean same =
        now.optimizer().equals(config.optimizer())
            && now.loop().equals(config.loop())
            && now.run().withResume(false).equals(config.run().withResume(false))
            && effectiveModel().equals(resumingModel);
    if (same) {
      return this;
    }
    List<Change> h = new ArrayList<>(history);
    h.add(
        new Change(
            globalStep,
            resumingLine,
            config.optimizer(),
            config.loop(),
            config.run(),
            resumingModel));
    return new RunConfigFile(formatVersion, commandLine, optimizer, loop, run, model, h);
  }

  private static void withDefault(JsonNode section, String field, boolean value) {
    if (section instanceof ObjectNode o && !o.has(field)) {
      o.put(field, value);
    }
  }

  /** Indented JSON. */
  public String toJson() {
    return Json.writePretty(this);
  }

  /**
   * Parses a {@code config.json}.
   *
   * @param file named in error messages
   * @throws IOException one line naming {@code file}: not JSON, another format version, or a field
   *     missing or invalid
   */
  public static RunConfigFile parse(String text, Path file) throws IOException {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not JSON: " + e.getOriginalMessage());
    }
    JsonNode v = tree == null ? null : tree.get("format_version");
    if (v == null || !v.canConvertToInt()) {
      throw new IOException(
          file
              + " has no format_version (written before config.json was"
              + " versioned); this build reads version "
              + FORMAT_VERSION);
    }
    if (v.asInt() != FORMAT_VERSION) {
      throw new IOException(
          file
              + " has format version "
              + v.asInt()
              + "; this build reads"
              + " version "
              + FORMAT_VERSION);
    }
    // Files written before RunConfig had skip_graph_optimizer ran with the optimizer.
    withDefault(tree.get("run"), "skip_graph_optimizer", false);
    JsonNode history = tree.get("history");
    if (history != null && history.isArray()) {
      history.forEach(h -> withDefault(h.get("run"), "skip_graph_optimizer", false));
    }
    try {
      return Json.mapper().treeToValue(tree, RunConfigFile.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new IOException(
          file + ": " + (cause == e ? e.getOriginalMessage() : cause.getMessage()));
    }
  }
}
