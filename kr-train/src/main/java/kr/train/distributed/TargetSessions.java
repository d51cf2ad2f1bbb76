package kr.train.distributed;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import kr.core.graph.Checks;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens a {@link Session} on a {@code grpc://host:port} target, i.e. through a TensorFlow master
 * that places ops on the tasks of a cluster.
 *
 * <p><b>Why this class exists.</b> TensorFlow Java 1.1.0's public {@code Session} constructors take
 * a graph and a {@code ConfigProto} but no target: they always make an in-process session. The C
 * API has the target ({@code TF_SetTarget} on the session options). This class therefore builds the
 * native session itself, exactly as {@code Session}'s own private allocation does plus the target,
 * and hands it to {@code Session}'s package-private {@code (Graph, TF_Session)} constructor; the
 * graph's native handle and that constructor are reached by reflection, which is confined to this
 * class. The session options and status live in a {@link PointerScope} that frees them before
 * {@link #open} returns; the returned session owns the native session and frees it on {@link
 * Session#close()}.
 */
public final class TargetSessions {
  private TargetSessions() {}

  /**
   * @param graph the graph to run; must stay open while the session is used
   * @param target {@code grpc://host:port} of a task's server (or {@code ""} for an in-process
   *     session)
   * @param config session configuration (device counts, timeouts, collective group leader, ...)
   * @return a session the caller closes
   * @throws IllegalArgumentException if the target is neither empty nor {@code grpc://...}
   */
  @SuppressWarnings("try") // the scope frees the pointers allocated inside it
  public static Session open(Graph graph, String target, ConfigProto config) {
    Checks.notNull("graph", graph);
    Checks.notNull("target", target);
    Checks.notNull("config", config);
    Checks.check(
        target.isEmpty() || target.startsWith("grpc://"),
        "target",
        target,
        "must start with grpc://");
    TF_Session native_;
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      BytePointer bytes = new BytePointer(config.toByteArray());
      TF_SetConfig(options, bytes, bytes.capacity(), status);
      status.throwExceptionIfNotOK();
      TF_SetTarget(options, target);
      native_ = TF_Session.newSession(graphHandle(graph), options, status);
      status.throwExceptionIfNotOK();
      native_.retainReference();
    }
    try {
      return wrap(graph, native_);
    } catch (RuntimeException | Error e) {
      native_.releaseReference();
      throw e;
    }
  }

  private static TF_Graph graphHandle(Graph graph) {
    try {
      Field handle = Graph.class.getDeclaredField("nativeHandle");
      handle.setAccessible(true);
      TF_Graph g = (TF_Graph) handle.get(graph);
      if (g == null || g.isNull()) {
        throw new IllegalStateException("graph has been closed");
      }
      return g;
    } catch (NoSuchFieldException | IllegalAccessException e) {
      throw new IllegalStateException(
          "this TensorFlow Java version has no Graph.nativeHandle field", e);
    }
  }

  private static Session wrap(Graph graph, TF_Session native_) {
    try {
      Constructor<Session> c = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
      c.setAccessible(true);
      return c.newInstance(graph, native_);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this TensorFlow Java version has no Session(Graph, TF_Session)", e);
    }
  }
}
