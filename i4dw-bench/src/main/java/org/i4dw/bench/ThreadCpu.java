/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * A JMH secondary result: the CPU time of the benchmark thread per operation, in microseconds,
 * averaged over the measurement iterations (reported as {@code cpuMicrosPerOp}). Unlike the
 * throughput score it barely depends on what else runs on the machine, since time spent waiting
 * for a core is not counted; it is what the per-series CPU budgets speak of (it leaves out the
 * garbage collector's and the compiler's threads). A benchmark method takes it as a parameter and
 * calls {@link #op()} once per operation; the thread's CPU clock is read every 1,024 operations.
 *
 * <p>JMH adds up such counters over the iterations of all forks, so each iteration reports its
 * value divided by the number of iterations times the number of forks: the score is their mean,
 * and the raw value of an iteration in the JSON result, times that product, is the iteration's own
 * figure.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU microseconds per operation in this iteration, divided by iterations times forks (read by JMH). */
    public double cpuMicrosPerOp;

    private long start;
    private long ops;
    private int iterations;

    /**
     * Starts the clock of an iteration.
     *
     * @param benchmark the benchmark's parameters (how many forks there are)
     * @param iteration the iteration's parameters (how many iterations there are)
     */
    @Setup(Level.Iteration)
    public void start(BenchmarkParams benchmark, IterationParams iteration) {
        iterations = Math.max(1, iteration.getCount()) * Math.max(1, benchmark.getForks());
        start = THREADS.getCurrentThreadCpuTime();
        ops = 0;
        cpuMicrosPerOp = 0;
    }

    /** Counts one operation. */
    public void op() {
        if ((++ops & 1023) == 0) {
            cpuMicrosPerOp = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / ops / iterations;
        }
    }
}
