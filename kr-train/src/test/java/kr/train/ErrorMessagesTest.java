package kr.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

  @Test
  void theFirstInformativeLineOfAMultiLineMessage() {
    assertThat(ErrorMessages.firstLine("  OOM when allocating tensor\n\t [[{{node a}}]]\n"))
        .isEqualTo("OOM when allocating tensor");
    assertThat(
            ErrorMessages.firstLine(
                "From /job:worker/replica:0/task:1:\nCollective ops is aborted by: peer down\n"))
        .isEqualTo("Collective ops is aborted by: peer down");
    assertThat(ErrorMessages.firstLine("\r\nsecond line wins\r\nthird"))
        .isEqualTo("second line wins");
  }

  @Test
  void nullBlankAndLongMessages() {
    assertThat(ErrorMessages.firstLine((String) null)).isEqualTo("no message");
    assertThat(ErrorMessages.firstLine(" \n ")).isEqualTo("no message");
    assertThat(ErrorMessages.firstLine("x".repeat(300)))
        .hasSize(ErrorMessages.MAX_LENGTH + 3)
        .endsWith("...");
    assertThat(ErrorMessages.firstLine(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
    assertThat(ErrorMessages.firstLine(new IllegalStateException("bad\nstack"))).isEqualTo("bad");
  }
}
