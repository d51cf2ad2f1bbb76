package kr.train.distributed;

import java.time.Duration;
import kr.core.graph.Checks;

/**
 * The members of a collective: how many, the key they find each other by, the implementation and
 * how long each waits for the others.
 *
 * @param size number of members (tasks, or devices of one or several tasks)
 * @param key the group key, the same on every member, {@code >= 1}
 * @param hint the collective implementation
 * @param timeout how long a member waits for its peers before failing, at least 1 ms
 */
public record CollectiveGroup(int size, int key, CommunicationHint hint, Duration timeout) {
  /** Validates the fields. */
  public CollectiveGroup {
    Checks.positive("size", size);
    Checks.positive("key", key);
    Checks.notNull("hint", hint);
    Checks.notNull("timeout", timeout);
    Checks.check(timeout.toMillis() >= 1, "timeout", timeout, "must be at least 1 ms");
  }
}
