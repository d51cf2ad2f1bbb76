package kr.train.optim;

/**
 * The learning rate as a function of the global step. Built by {@link Schedules} from a {@link
 * ScheduleSpec}; the trainer evaluates it in Java and feeds the value each step.
 */
@FunctionalInterface
public interface LrSchedule {

  /**
   * @param step the 0-based index of the update about to be applied
   * @return the learning rate for that update
   */
  double lr(long step);
}
