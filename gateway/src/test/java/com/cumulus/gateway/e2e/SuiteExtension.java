package com.cumulus.gateway.e2e;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the suite once for every story class of the failsafe run (one JVM): the first story class starts it, the
 * root context's store closes it after the last one. Use {@code @ExtendWith(SuiteExtension.class)} and
 * {@link #suite()}.
 */
public final class SuiteExtension implements BeforeAllCallback {

    private static Suite suite;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SuiteExtension.class) {
            if (suite == null) {
                Suite started = Suite.start();
                suite = started;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(Suite.class.getName(), (ExtensionContext.Store.CloseableResource) () -> {
                            synchronized (SuiteExtension.class) {
                                started.close();
                                suite = null;
                            }
                        });
            }
        }
        RestAssured.baseURI = suite.gateway();
    }

    static Suite suite() {
        if (suite == null) {
            throw new IllegalStateException("the suite is not started: annotate the story with @ExtendWith(SuiteExtension.class)");
        }
        return suite;
    }
}
