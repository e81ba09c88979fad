package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class VectorSupportTest {
    @Test
    void propertyFalseSelectsScalarPath() throws Exception {
        assertFalse(availableInFreshLoader("false"));
    }

    @Test
    void withoutPropertyFollowsTheModule() throws Exception {
        boolean modulePresent = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(modulePresent, availableInFreshLoader(null));
    }

    /** Loads VectorSupport anew, so its class initialiser reads the property as set here. */
    private static boolean availableInFreshLoader(String property) throws Exception {
        String saved = System.getProperty("dendrite.vector");
        URL classes = VectorSupport.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            if (property == null) {
                System.clearProperty("dendrite.vector");
            } else {
                System.setProperty("dendrite.vector", property);
            }
            Class<?> fresh = Class.forName(VectorSupport.class.getName(), true, loader);
            return (Boolean) fresh.getMethod("available").invoke(null);
        } finally {
            if (saved == null) {
                System.clearProperty("dendrite.vector");
            } else {
                System.setProperty("dendrite.vector", saved);
            }
        }
    }
}
