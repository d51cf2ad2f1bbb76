package kr.train;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one Jackson mapper of kr-train's files ({@code config.json}, {@code run.json}, {@code
 * metrics.jsonl}, checkpoint metadata): snake_case property names, records through their canonical
 * constructors, paths as plain strings (as typed, not as URIs), unknown properties rejected,
 * non-finite doubles as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (which
 * read back).
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .addModule(
              new SimpleModule("kr-paths")
                  .addSerializer(
                      Path.class,
                      new JsonSerializer<>() {
                        @Override
                        public void serialize(Path p, JsonGenerator g, SerializerProvider s)
                            throws IOException {
                          g.writeString(p.toString());
                        }

                        @Override
                        public Class<Path> handledType() {
                          return Path.class;
                        }
                      })
                  .addDeserializer(
                      Path.class,
                      new JsonDeserializer<>() {
                        @Override
                        public Path deserialize(JsonParser p, DeserializationContext c)
                            throws IOException {
                          return Path.of(p.getValueAsString());
                        }
                      }))
          .build();

  private Json() {}

  /** The shared mapper (thread-safe; do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as one line of JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code value} as indented JSON, for files people read. */
  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
