/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/** Receives retrieved instances, one at a time, on the thread that received them. */
@FunctionalInterface
public interface InstanceConsumer {

    /**
     * Takes one instance. An exception fails that instance (reported to the PACS as a storage
     * failure and counted in the outcome), not the retrieval.
     *
     * @param instance the instance
     * @throws Exception when the instance cannot be taken
     */
    void accept(RetrievedInstance instance) throws Exception;
}
