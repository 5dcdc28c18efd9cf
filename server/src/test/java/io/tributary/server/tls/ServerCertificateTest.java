package io.tributary.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  @TempDir Path dataDir;

  @Test
  void generatesASelfSignedCertificateForThisMachineOnFirstUse() throws Exception {
    ServerCertificate loaded = ServerCertificate.load(new TlsConfig(), dataDir, NOW);

    assertThat(loaded.generated()).isTrue();
    assertThat(loaded.certFile()).isEqualTo(dataDir.resolve("tls/server.crt"));
    assertThat(Files.readString(loaded.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loaded.keyFile()))).isEqualTo("rw-------");

    X509Certificate cert = loaded.certificate();
    cert.verify(cert.getPublicKey());
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isBetween(Duration.ofDays(365), Duration.ofDays(366));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(sans(cert)).contains("localhost", "127.0.0.1").containsAll(SelfSignedCertificate.dnsNames());
    assertThat(sans(cert)).anyMatch(name -> name.replace("0:", "").replace(":", "").equals("1"));
  }

  @Test
  void reusesTheGeneratedCertificateAfterwards() throws Exception {
    ServerCertificate first = ServerCertificate.load(new TlsConfig(), dataDir, NOW);
    String pem = Files.readString(first.certFile());

    ServerCertificate second = ServerCertificate.load(new TlsConfig(), dataDir, NOW.plusSeconds(60));

    assertThat(second.generated()).isFalse();
    assertThat(Files.readString(second.certFile())).isEqualTo(pem);
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  }

  @Test
  void usesConfiguredFilesAsTheyAre() {
    ServerCertificate generated = ServerCertificate.load(new TlsConfig(), dataDir.resolve("elsewhere"), NOW);
    TlsConfig tls = new TlsConfig();
    tls.certFile = generated.certFile().toString();
    tls.keyFile = generated.keyFile().toString();

    ServerCertificate configured = ServerCertificate.load(tls, dataDir, NOW);

    assertThat(configured.certFile()).isEqualTo(generated.certFile());
    assertThat(configured.keyCertOptions().getKeyPath()).isEqualTo(generated.keyFile().toString());
    assertThat(dataDir.resolve("tls")).doesNotExist();
  }

  @Test
  void refusesHalfAConfigurationOrMissingFiles() {
    TlsConfig onlyCert = new TlsConfig();
    onlyCert.certFile = "/etc/server.crt";
    assertThatThrownBy(() -> ServerCertificate.load(onlyCert, dataDir, NOW))
        .hasMessageContaining("must be set together (only tls.certFile is set)");

    TlsConfig missing = new TlsConfig();
    missing.certFile = dataDir.resolve("nope.crt").toString();
    missing.keyFile = dataDir.resolve("nope.key").toString();
    assertThatThrownBy(() -> ServerCertificate.load(missing, dataDir, NOW))
        .hasMessageContaining("tls.certFile").hasMessageContaining("does not exist");
  }

  private static List<String> sans(X509Certificate cert) throws Exception {
    return cert.getSubjectAlternativeNames().stream().map(entry -> entry.get(1).toString()).collect(Collectors.toList());
  }
}
