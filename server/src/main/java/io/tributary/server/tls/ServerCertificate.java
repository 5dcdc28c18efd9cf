package io.tributary.server.tls;

import io.tributary.core.config.TlsConfig;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The PEM certificate and key the TLS listeners present.
 *
 * @param certFile  the PEM certificate (chain)
 * @param keyFile   the PEM private key
 * @param generated true when this start generated a new self-signed certificate
 */
public record ServerCertificate(Path certFile, Path keyFile, boolean generated) {
  static final String CERT_NAME = "server.crt";
  static final String KEY_NAME = "server.key";

  /**
   * The configured certificate when {@code tls.certFile} and {@code tls.keyFile} are set;
   * otherwise the self-signed one under {@code <dataDir>/tls}, generated on first use.
   */
  public static ServerCertificate load(TlsConfig tls, Path dataDir, Instant now) {
    boolean cert = tls.certFile != null && !tls.certFile.isBlank();
    boolean key = tls.keyFile != null && !tls.keyFile.isBlank();
    if (cert != key) {
      throw new IllegalArgumentException("tls.certFile and tls.keyFile must be set together (only "
          + (cert ? "tls.certFile" : "tls.keyFile") + " is set)");
    }
    if (cert) {
      Path certFile = Path.of(tls.certFile);
      Path keyFile = Path.of(tls.keyFile);
      requireReadable(certFile, "tls.certFile");
      requireReadable(keyFile, "tls.keyFile");
      return new ServerCertificate(certFile, keyFile, false);
    }
    return generatedUnder(dataDir.resolve("tls"), now);
  }

  private static ServerCertificate generatedUnder(Path dir, Instant now) {
    Path certFile = dir.resolve(CERT_NAME);
    Path keyFile = dir.resolve(KEY_NAME);
    if (Files.isRegularFile(certFile) && Files.isRegularFile(keyFile)) {
      return new ServerCertificate(certFile, keyFile, false);
    }
    SelfSignedCertificate fresh = SelfSignedCertificate.generate(now);
    try {
      Files.createDirectories(dir);
      writeAtomically(keyFile, fresh.privateKeyPem(), true);
      writeAtomically(certFile, fresh.certificatePem(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the self-signed certificate to " + dir, e);
    }
    return new ServerCertificate(certFile, keyFile, true);
  }

  private static void writeAtomically(Path target, String pem, boolean secret) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, pem);
    if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void requireReadable(Path file, String key) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(key + " " + file.toAbsolutePath() + " does not exist or is not readable");
    }
  }

  /** Options for Vert.x TCP and HTTP servers presenting this certificate. */
  public PemKeyCertOptions keyCertOptions() {
    return new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString());
  }

  /** The first certificate of {@link #certFile()}. */
  public X509Certificate certificate() {
    try (var in = new ByteArrayInputStream(Files.readAllBytes(certFile))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + certFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(certFile + " holds no PEM certificate: " + e.getMessage(), e);
    }
  }

  /** SHA-256 fingerprint of the certificate, as colon-separated hex, for clients that pin it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
