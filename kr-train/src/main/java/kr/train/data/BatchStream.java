package kr.train.data;

import java.util.Iterator;
import kr.data.pipeline.Batch;

/** The batches of one pass over a split; close it to stop any background workers. */
public interface BatchStream extends Iterator<Batch>, AutoCloseable {

  @Override
  default void close() {}
}
