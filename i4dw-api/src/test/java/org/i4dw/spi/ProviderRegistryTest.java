/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.i4dw.api.I4dwConfigurationException;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    /** A role for the tests; one provider is registered in META-INF/services of the test resources. */
    public interface Greeter extends Provider {
    }

    record Named(String id, String version, int priority) implements Greeter {
    }

    /** Found by ServiceLoader. */
    public static final class Discovered implements Greeter {
        @Override
        public String id() {
            return "discovered";
        }

        @Override
        public String version() {
            return "1.0";
        }
    }

    @Test
    void discoveryFindsServiceLoaderProvidersAndHandRegisteredOnesJoinThem() {
        ProviderRegistry<Greeter> r = ProviderRegistry.builder(Greeter.class, "org.i4dw:greeter")
                .register(new Named("by-hand", "2", 5)).build();
        assertEquals(List.of("by-hand", "discovered"), r.all().stream().map(Provider::id).toList());
        assertEquals("by-hand", r.best().id());
        assertEquals("discovered", r.get("discovered").id());
    }

    @Test
    void discoveryCanBeTurnedOff() {
        ProviderRegistry<Greeter> r = ProviderRegistry.builder(Greeter.class, "org.i4dw:greeter").discovery(false)
                .register(new Named("only", "1", 0)).build();
        assertEquals(List.of("only"), r.all().stream().map(Provider::id).toList());
    }

    @Test
    void noProviderNamesTheArtifactToAdd() {
        ProviderRegistry<Greeter> r = ProviderRegistry.builder(Greeter.class, "org.i4dw:i4dw-greeter")
                .discovery(false).build();
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class, r::best);
        assertTrue(e.getMessage().contains("add org.i4dw:i4dw-greeter"), e.getMessage());
        I4dwConfigurationException byId = assertThrows(I4dwConfigurationException.class, () -> r.get("x"));
        assertTrue(byId.getMessage().contains("'x'"), byId.getMessage());
    }

    @Test
    void twoProvidersWithOneIdAreAnError() {
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> ProviderRegistry.builder(Greeter.class, "a").register(new Named("discovered", "9", 0)).build());
        assertTrue(e.getMessage().contains("two Greeters have the id 'discovered'"), e.getMessage());
    }

    @Test
    void malformedIdsAreRefused() {
        assertThrows(I4dwConfigurationException.class, () -> ProviderRegistry.builder(Greeter.class, "a")
                .discovery(false).register(new Named("Bad Id", "1", 0)).build());
    }
}
