/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link OrthancTest}: starts an {@link OrthancPacs} before the class's
 * tests, keeps it in the class's extension store (which closes it when the class finishes) and
 * resolves {@link OrthancPacs} parameters. Nested classes reuse the enclosing class's server.
 */
public final class OrthancExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(OrthancExtension.class);

    /** Created by JUnit. */
    public OrthancExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        pacs(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == OrthancPacs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return pacs(extensionContext);
    }

    private static OrthancPacs pacs(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        OrthancTest settings = classContext.getTestClass()
                .flatMap(c -> annotation(c))
                .orElse(null);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(OrthancPacs.class, key -> {
            OrthancPacs.Builder builder = OrthancPacs.builder();
            if (settings != null) {
                builder.aeTitle(settings.aeTitle())
                        .dicomWeb(settings.dicomWeb())
                        .startupTimeout(Duration.ofSeconds(settings.startupTimeoutSeconds()));
            }
            return builder.start();
        }, OrthancPacs.class);
    }

    /** The annotation on the test class or, for a nested test class, on an enclosing one. */
    private static java.util.Optional<OrthancTest> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            java.util.Optional<OrthancTest> a = AnnotationSupport.findAnnotation(c, OrthancTest.class);
            if (a.isPresent()) {
                return a;
            }
        }
        return java.util.Optional.empty();
    }
}
