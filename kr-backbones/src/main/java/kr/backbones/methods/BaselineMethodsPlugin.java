package kr.backbones.methods;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.DynamicKernelPlugin;

/** Registers the static baseline and the dynamic-convolution baselines of Tables 4 and 5. */
public final class BaselineMethodsPlugin implements DynamicKernelPlugin {

  @Override
  public Module module() {
    return new AbstractModule() {
      @ProvidesIntoMap
      @StringMapKey(StaticMethod.NAME)
      DynamicKernelMethod staticMethod() {
        return StaticMethod.INSTANCE;
      }

      @ProvidesIntoMap
      @StringMapKey(CondConv.NAME)
      DynamicKernelMethod condConv() {
        return new CondConv();
      }

      @ProvidesIntoMap
      @StringMapKey(DyConv.NAME)
      DynamicKernelMethod dyConv() {
        return new DyConv();
      }

      @ProvidesIntoMap
      @StringMapKey(OdConv.NAME_1X)
      DynamicKernelMethod odConv1x() {
        return OdConv.of(1);
      }

      @ProvidesIntoMap
      @StringMapKey(OdConv.NAME_4X)
      DynamicKernelMethod odConv4x() {
        return OdConv.of(4);
      }

      @ProvidesIntoMap
      @StringMapKey(OdConv.NAME_1X_ALL)
      DynamicKernelMethod odConv1xAll() {
        return OdConv.allLinears(1);
      }

      @ProvidesIntoMap
      @StringMapKey(OdConv.NAME_4X_ALL)
      DynamicKernelMethod odConv4xAll() {
        return OdConv.allLinears(4);
      }

      @ProvidesIntoMap
      @StringMapKey(WeightNet.NAME)
      DynamicKernelMethod weightNet() {
        return new WeightNet();
      }

      @ProvidesIntoMap
      @StringMapKey(WeightExcitation.NAME)
      DynamicKernelMethod weightExcitation() {
        return new WeightExcitation();
      }

      @ProvidesIntoMap
      @StringMapKey(Dcd.NAME)
      DynamicKernelMethod dcd() {
        return new Dcd();
      }
    };
  }
}
