/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec's buffers start small and grow with the data: a small data set read from a stream or
 * written costs a small buffer; large values, values read in tiny pieces and byte-swapped values
 * that straddle the growth steps come out byte for byte; a lying length allocates no more than
 * arrives.
 */
class CodecBufferTest {

    /** A stream that hands out at most {@code piece} bytes per read and says nothing is available. */
    private static InputStream trickle(byte[] bytes, int piece) {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, piece), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] value(DicomObject ds, int tag) {
        return ds.element(Tag.of(tag)).orElseThrow().bytes().map(b -> {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            return a;
        }).orElse(new byte[0]);
    }

    @Test
    void aSmallDataSetFromAStreamCostsTheSmallestBuffer() throws IOException {
        DicomInput in = DicomInput.of(trickle(new byte[100], 1000));
        in.bytes(100);
        assertTrue(in.atEnd());
        assertEquals(DicomInput.MIN_BUFFER, in.bufferSize());
    }

    @Test
    void aStreamThatSaysHowMuchIsAvailableGetsABufferOfThatSize() {
        assertEquals(1000, DicomInput.of(new ByteArrayInputStream(new byte[1000])).bufferSize());
        assertEquals(DicomInput.BUFFER, DicomInput.of(new ByteArrayInputStream(new byte[100_000])).bufferSize());
    }

    @Test
    void theBufferGrowsForAWideFill() throws IOException {
        byte[] data = random(100_000, 1);
        DicomInput in = DicomInput.of(trickle(data, 7));
        assertTrue(in.fill(5000));
        assertTrue(in.bufferSize() >= 5000);
        for (int i = 0; i < 5000; i++) {
            assertEquals(data[i] & 0xFF, in.u8());
        }
    }

    @Test
    void theBufferDoublesUpTo16KiBWhileReadsFillIt() throws IOException {
        byte[] data = random(100_000, 2);
        DicomInput in = DicomInput.of(trickle(data, 40_000));
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i] & 0xFF, in.u8());
        }
        assertTrue(in.atEnd());
        assertEquals(DicomInput.BUFFER, in.bufferSize());
    }

    @Test
    void aLyingLengthAllocatesNoMoreThanArrives() {
        DicomInput in = DicomInput.of(trickle(new byte[10], 3));
        assertThrows(EOFException.class, () -> in.bytes(2_000_000_000L));
        assertEquals(DicomInput.MIN_BUFFER, in.bufferSize());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 255, 4096, 70_000})
    void dataSetsWithSmallAndLargeValuesRoundTripThroughTinyReads(int piece) throws IOException {
        for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN}) {
            for (int size : new int[] {0, 2, 510, 512, 514, 16_382, 65_536, 65_540, 200_002}) {
                short[] words = new short[size / 2];
                Random r = new Random(size);
                for (int i = 0; i < words.length; i++) {
                    words[i] = (short) r.nextInt();
                }
                byte[] ow = random(size, size + 7);
                DicomObject ds = DicomObject.builder().set(Tag.PatientID, VR.LO, "ID" + size)
                        .setBytes(Tag.of(0x00091010), VR.OB, random(size, size))
                        .setBytes(Tag.of(0x00091012), VR.OW, ow)
                        .setDoubles(Tag.of(0x00091014), VR.FD, 1.5, -2.25, size)
                        .build();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                DicomWriter.writeDataset(out, ds, ts, WriteOptions.defaults());
                DicomObject back = DicomReader.readDataset(trickle(out.toByteArray(), piece), "test", ts,
                        ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build()).dataset();
                assertEquals(ds.string(Tag.PatientID), back.string(Tag.PatientID));
                assertArrayEquals(value(ds, 0x00091010), value(back, 0x00091010), ts + " " + size);
                assertArrayEquals(ow, value(back, 0x00091012), ts + " " + size);
                if (ts.isExplicitVr()) { // implicit VR: a private element's VR is not known when read back
                    assertArrayEquals(new double[] {1.5, -2.25, size}, back.doubles(Tag.of(0x00091014)), 0,
                            ts + " " + size);
                }
            }
        }
    }

    @Test
    void theOutputBufferStartsSmallAndGrowsAcrossItsSteps() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        EncodedOutput out = new EncodedOutput(sink, true);
        byte[] words = random(200_000, 5);
        int at = 0;
        for (int step = 1; at + step <= words.length; step = step * 3 + 1) {
            out.writeSwapped(words, at, step, 4);
            for (int w = 0; w + 4 <= step; w += 4) {
                for (int k = 3; k >= 0; k--) {
                    expected.write(words[at + w + k]);
                }
            }
            expected.write(words, at + step - step % 4, step % 4);
            out.write16(0x0102);
            expected.write(1);
            expected.write(2);
            at += step;
        }
        out.write(words, 0, 100_000); // larger than the largest buffer: straight through
        expected.write(words, 0, 100_000);
        out.flush();
        assertArrayEquals(expected.toByteArray(), sink.toByteArray());
        assertEquals(expected.size(), out.position());
    }
}
