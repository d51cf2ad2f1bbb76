package kr.train.distributed;

import kr.core.graph.Checks;

/**
 * The network address of one task's gRPC server.
 *
 * @param host host name or IP address, without a scheme
 * @param port TCP port, 1..65535
 */
public record TaskAddress(String host, int port) {
  /** Validates host and port. */
  public TaskAddress {
    Checks.notNull("host", host);
    Checks.check(
        !host.isBlank()
            && host.chars().noneMatch(c -> c == ':' || c == '/' || Character.isWhitespace(c)),
        "host",
        "'" + host + "'",
        "must be a host name without scheme, port or spaces");
    Checks.check(port >= 1 && port <= 65535, "port", port, "must be in 1..65535");
  }

  /**
   * @return {@code host:port}, the form a {@code ClusterDef} and a {@code grpc://} target take
   */
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
