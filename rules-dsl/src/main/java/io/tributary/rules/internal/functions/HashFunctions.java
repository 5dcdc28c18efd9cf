package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.FunctionTable.add;

import io.tributary.rules.internal.value.StringValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** md2, md5, sha1, sha224, sha256, sha384, sha512: lower-case hex digest of the UTF-8 string. */
final class HashFunctions {

  private HashFunctions() {}

  static void register() {
    digest("md2", "MD2");
    digest("md5", "MD5");
    digest("sha1", "SHA-1");
    digest("sha224", "SHA-224");
    digest("sha256", "SHA-256");
    digest("sha384", "SHA-384");
    digest("sha512", "SHA-512");
  }

  private static void digest(String name, String algorithm) {
    try {
      MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
    add(name, 1, Args.onString(s -> {
      try {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        return new StringValue(HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8))));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }));
  }
}
