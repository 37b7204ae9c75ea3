/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.i4dw.api.AeTitle;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOM over TLS (PS3.15 B.1) with key pairs made by the JDK's keytool for this run: our client
 * and our Storage SCP with mutual authentication, the failures a wrong certificate produces, and
 * dcmtk's echoscu and storescu (OpenSSL) against our SCP.
 */
class TlsTest {

    private static final char[] PASSWORD = "s3cret-Pw".toCharArray();
    private static final AeTitle SCP = AeTitle.of("TLS-SCP");
    private static final AeTitle US = AeTitle.of("TLS-SCU");
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final NetworkOptions FAST = NetworkOptions.builder().artimTimeout(Duration.ofSeconds(3)).build();

    @TempDir
    static Path keys;

    /**
     * server.p12 and client.p12 (EC keys, certificates naming localhost and 127.0.0.1),
     * stranger.p12 (naming only elsewhere.example); client-trust.p12 holds server's certificate,
     * server-trust.jks client's, stranger-trust.p12 stranger's; PEM files for dcmtk.
     */
    @BeforeAll
    static void makeKeys() throws Exception {
        for (String name : List.of("server", "client", "stranger")) {
            String san = name.equals("stranger") ? "dns:elsewhere.example" : "dns:localhost,ip:127.0.0.1";
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
                    "SHA256withECDSA", "-dname", "CN=i4dw-test-" + name, "-ext", "SAN=" + san, "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", name + ".p12", "-storepass", new String(PASSWORD),
                    "-keypass", new String(PASSWORD));
            keytool("-exportcert", "-rfc", "-alias", name, "-keystore", name + ".p12", "-storepass",
                    new String(PASSWORD), "-file", name + ".pem");
        }
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.pem", "-storetype", "PKCS12",
                "-keystore", "client-trust.p12", "-storepass", new String(PASSWORD));
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", "client.pem", "-storetype", "JKS",
                "-keystore", "server-trust.jks", "-storepass", new String(PASSWORD));
        keytool("-importcert", "-noprompt", "-alias", "stranger", "-file", "stranger.pem", "-storetype", "PKCS12",
                "-keystore", "stranger-trust.p12", "-storepass", new String(PASSWORD));
        run(List.of("openssl", "pkcs12", "-in", "client.p12", "-nocerts", "-nodes", "-passin",
                "pass:" + new String(PASSWORD), "-out", "client-key.pem"));
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(Arrays.asList(args));
        run(cmd);
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(keys.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed: " + out);
        }
    }

    private static Tls.Builder tls(String keyStore, String trustStore) {
        Tls.Builder b = Tls.builder();
        if (keyStore != null) {
            b.keyStore(keys.resolve(keyStore), PASSWORD);
        }
        return b.trustStore(keys.resolve(trustStore), PASSWORD);
    }

    private static StorageScp.Builder scp(String keyStore) {
        return StorageScp.builder().aeTitle(SCP).acceptCallingAe(US).acceptCallingAe(AeTitle.of("STORESCU"))
                .networkOptions(FAST.toBuilder().tls(tls(keyStore, "server-trust.jks").build()).build());
    }

    private static DimseClient client(StorageScp scp, Tls tls) {
        NetworkOptions.Builder o = FAST.toBuilder();
        if (tls != null) {
            o.tls(tls);
        }
        return DimseClient.builder().pacs(new PacsAddress(SCP, "127.0.0.1", scp.port())).callingAeTitle(US)
                .networkOptions(o.build()).build();
    }

    @Test
    void ourClientAndOurScpTalkOverMutualTls() throws Exception {
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        byte[] pixels = new byte[1 << 20];
        new Random(7).nextBytes(pixels);
        byte[] ds = RawPeer.datasetBytes(DicomObject.builder().set(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7")
                .set(Tag.SOPInstanceUID, VR.UI, "1.2.3.9").setBytes(Tag.PixelData, VR.OB, pixels).build(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Tls clientTls = tls("client.p12", "client-trust.p12").protocols(Tls.Protocol.TLS_1_3).build();
        try (StorageScp scp = scp("server.p12").handler(i -> received.put(i.sopInstanceUid(), i.data().readAllBytes()))
                .start();
                DimseClient c = client(scp, clientTls)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                assertEquals(3, c.echo(3).size());
                Association a = Association.open(c.pacs(), US, List.of(PresentationContext.propose(1,
                        "1.2.840.10008.5.1.4.1.1.7", List.of(Retrieve.ELE))), List.of(), c.networkOptions());
                assertFalse(a.quickAckArmed(), "no quick ACK on TLS");
                a.send(1, Command.storeRequest("1.2.840.10008.5.1.4.1.1.7", "1.2.3.9", 1), out -> out.write(ds));
                assertEquals(0, a.receive(Duration.ofSeconds(5)).status());
                a.release();
            });
            assertArrayEquals(ds, received.get("1.2.3.9"));
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServerFailsClearlyAndTheScpKeepsServing() throws Exception {
        try (StorageScp scp = scp("server.p12").start();
                DimseClient doubting = client(scp, tls("client.p12", "stranger-trust.p12").build());
                DimseClient trusting = client(scp, tls("client.p12", "client-trust.p12").build())) {
            DicomNetworkException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(DicomNetworkException.class, doubting::echo));
            assertTrue(e.getMessage().startsWith("TLS handshake with TLS-SCP@127.0.0.1:" + scp.port() + " failed: "),
                    e::getMessage);
            assertTrue(e.getMessage().contains("certification path"), e::getMessage);
            assertFalse(e instanceof DicomTimeoutException);
            assertEquals(0, doubting.pool().openCount());
            assertTimeoutPreemptively(LIMIT, () -> trusting.echo());
        }
    }

    @Test
    void aServerCertificateForAnotherHostIsRefusedUnlessHostnameVerificationIsOff() throws Exception {
        try (StorageScp scp = scp("stranger.p12").start();
                DimseClient strict = client(scp, tls("client.p12", "stranger-trust.p12").build());
                DimseClient lax = client(scp, tls("client.p12", "stranger-trust.p12").verifyHostname(false).build())) {
            DicomNetworkException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(DicomNetworkException.class, strict::echo));
            assertTrue(e.getMessage().startsWith("TLS handshake with TLS-SCP@127.0.0.1:"), e::getMessage);
            assertTrue(e.getMessage().contains("127.0.0.1"), e::getMessage);
            assertTimeoutPreemptively(LIMIT, () -> lax.echo());
        }
    }

    @Test
    void theScpRequiresAClientCertificateUnlessToldOtherwise() throws Exception {
        Tls anonymous = tls(null, "client-trust.p12").build();
        try (StorageScp scp = scp("server.p12").start(); DimseClient c = client(scp, anonymous)) {
            DicomNetworkException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(DicomNetworkException.class, c::echo));
            assertTrue(e.getMessage().contains("TLS"), e::getMessage);
            assertFalse(e instanceof DicomTimeoutException, e::getMessage);
        }
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(US).networkOptions(FAST.toBuilder()
                .tls(tls("server.p12", "server-trust.jks").requireClientCertificate(false).build()).build()).start();
                DimseClient c = client(scp, anonymous)) {
            assertTimeoutPreemptively(LIMIT, () -> c.echo());
        }
    }

    @Test
    void aPlainClientGetsNoAssociationFromATlsScp() throws Exception {
        try (StorageScp scp = scp("server.p12").start(); DimseClient plain = client(scp, null)) {
            DicomNetworkException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(DicomNetworkException.class, plain::echo));
            assertFalse(e instanceof DicomTimeoutException, e::getMessage);
            assertTrue(e.getMessage().contains("expects DICOM over TLS"), e::getMessage);
        }
    }

    @Test
    void dcmtkEchoscuAndStorescuWithTlsReachOurScp(@TempDir Path out) throws Exception {
        Path file = SampleCorpus.locate().folder("08-transfer-syntaxes")
                .resolve("orthanc-ts__1.2.840.10008.1.2.1.dcm");
        List<String> tlsArgs = List.of("+tls", keys.resolve("client-key.pem").toString(),
                keys.resolve("client.pem").toString(), "+cf", keys.resolve("server.pem").toString());
        try (StorageScp scp = scp("server.p12").handler(InstanceHandler.toDirectory(out)).start()) {
            List<String> echo = new ArrayList<>(tlsArgs);
            echo.addAll(List.of("-aet", US.value(), "-aec", SCP.value(), "127.0.0.1", Integer.toString(scp.port())));
            NetFixtures.Run e = NetFixtures.dcmtk("echoscu", echo.toArray(String[]::new));
            assertEquals(0, e.exitCode(), e.output());
            List<String> store = new ArrayList<>(tlsArgs);
            store.addAll(List.of("-R", "-aet", "STORESCU", "-aec", SCP.value(), "127.0.0.1",
                    Integer.toString(scp.port()), file.toString()));
            NetFixtures.Run s = NetFixtures.dcmtk("storescu", store.toArray(String[]::new));
            assertEquals(0, s.exitCode(), s.output());
            Path stored = out.resolve(NetFixtures.tag(file, "0008,0018") + ".dcm");
            assertArrayEquals(NetFixtures.datasetBytes(file), NetFixtures.datasetBytes(stored));
            // without TLS, dcmtk gets nothing from this port
            NetFixtures.Run plain = NetFixtures.dcmtk("echoscu", "-to", "3", "-ta", "3", "-aet", US.value(), "-aec",
                    SCP.value(), "127.0.0.1", Integer.toString(scp.port()));
            assertNotEquals(0, plain.exitCode(), plain.output());
        }
    }

    @Test
    void storeErrorsNameTheFileButNeverThePassword() throws Exception {
        Path missing = keys.resolve("missing.p12");
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> Tls.context(missing, PASSWORD, keys.resolve("client-trust.p12"), PASSWORD));
        assertTrue(e.getMessage().contains(missing.toString()), e::getMessage);
        e = assertThrows(I4dwConfigurationException.class, () -> Tls.builder()
                .keyStore(keys.resolve("client.p12"), "wrong".toCharArray()).build());
        assertTrue(e.getMessage().contains("client.p12") && e.getMessage().contains("wrong password?"),
                e::getMessage);
        e = assertThrows(I4dwConfigurationException.class, () -> Tls.builder()
                .keyStore(keys.resolve("client-trust.p12"), PASSWORD).build());
        assertTrue(e.getMessage().contains("client-trust.p12 holds no private key"), e::getMessage);
        e = assertThrows(I4dwConfigurationException.class, () -> Tls.builder()
                .trustStore(keys.resolve("client-key.pem"), PASSWORD).build());
        assertTrue(e.getMessage().contains("client-key.pem"), e::getMessage);
        Files.writeString(keys.resolve("not-a-store.jks"), "nothing");
        e = assertThrows(I4dwConfigurationException.class, () -> Tls.builder()
                .trustStore(keys.resolve("not-a-store.jks"), PASSWORD).build());
        assertFalse(e.getMessage().contains(new String(PASSWORD)), e::getMessage);
        assertThrows(I4dwConfigurationException.class, () -> Tls.builder().sslContext(
                Tls.context(keys.resolve("client.p12"), PASSWORD, keys.resolve("client-trust.p12"), PASSWORD))
                .trustStore(keys.resolve("client-trust.p12"), PASSWORD).build());
        // JKS and PKCS12 both read; the context works for TLS 1.2 and 1.3
        Tls t = Tls.builder().keyStore(keys.resolve("server.p12"), PASSWORD)
                .trustStore(keys.resolve("server-trust.jks"), PASSWORD).build();
        assertEquals(java.util.Set.of(Tls.Protocol.TLS_1_2, Tls.Protocol.TLS_1_3), t.protocols());
        assertFalse(t.toString().contains(new String(PASSWORD)));
    }
}
