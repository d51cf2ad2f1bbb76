package kr.bench.cli;

import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;

/** The devices TensorFlow's runtime sees, listed through a throw-away eager context. */
final class Devices {
  private Devices() {}

  /**
   * A device as TensorFlow names it.
   *
   * @param name e.g. {@code /job:localhost/replica:0/task:0/device:CPU:0}
   * @param type e.g. {@code CPU} or {@code GPU}
   */
  record Device(String name, String type) {}

  /**
   * @throws IllegalStateException with TensorFlow's message when the runtime cannot list them
   */
  static List<Device> list() {
    TensorFlow.version(); // loads the natives
    TF_Status status = TF_NewStatus();
    TFE_ContextOptions options = TFE_NewContextOptions();
    try {
      TFE_Context ctx = TFE_NewContext(options, status);
      check(status);
      try {
        TF_DeviceList devices = TFE_ContextListDevices(ctx, status);
        check(status);
        try {
          List<Device> out = new ArrayList<>();
          for (int i = 0; i < TF_DeviceListCount(devices); i++) {
            String name = TF_DeviceListName(devices, i, status).getString();
            check(status);
            String type = TF_DeviceListType(devices, i, status).getString();
            check(status);
            out.add(new Device(name, type));
          }
          return List.copyOf(out);
        } finally {
          TF_DeleteDeviceList(devices);
        }
      } finally {
        TFE_DeleteContext(ctx);
      }
    } finally {
      TFE_DeleteContextOptions(options);
      TF_DeleteStatus(status);
    }
  }

  private static void check(TF_Status status) {
    if (TF_GetCode(status) != TF_OK) {
      throw new IllegalStateException(
          "TensorFlow cannot list its devices: " + TF_Message(status).getString());
    }
  }
}
