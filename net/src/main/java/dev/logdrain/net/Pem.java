package dev.logdrain.net;

import dev.logdrain.spi.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files with the JDK only: X.509 certificates, and unencrypted private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519, Ed448, RSASSA-PSS, DSA), PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) and SEC 1 ({@code BEGIN EC PRIVATE KEY}, named curves). The last two
 * are rewrapped as PKCS#8, which is what the JDK's key factories read. Every error is a one-line
 * {@link ConfigurationException} naming the option and the file.
 */
final class Pem {

    private static final byte[] OID_RSA = oid("1.2.840.113549.1.1.1");
    private static final byte[] OID_EC = oid("1.2.840.10045.2.1");
    /** Largest PEM file read. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private Pem() {
    }

    record Block(String type, byte[] der, boolean encrypted) {
    }

    /** Every BEGIN/END block of the file, in order. */
    static List<Block> read(Path file, String option) {
        return parse(readText(file, option), file, option);
    }

    /**
     * The file as text, refused beyond {@link #MAX_FILE_BYTES}: a CA bundle is a few hundred KiB, and a
     * mistaken path such as /dev/zero or a log file must not take the heap.
     */
    private static String readText(Path file, String option) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ConfigurationException("option " + option + ": " + shown(file, option) + " is larger than "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MiB; it is not a PEM file");
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigurationException("option " + option + ": cannot read " + shown(file, option) + ": " + reason(e));
        }
    }

    /** Every BEGIN/END block of a PEM text read from {@code file}, in order. */
    static List<Block> parse(String text, Path file, String option) {
        List<Block> blocks = new ArrayList<>();
        int pos = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", pos);
            if (begin < 0) {
                break;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            // the type is a few capitals on the BEGIN line itself (RFC 7468); anything else is not repeated
            if (typeEnd < 0 || typeEnd - begin - 11 > 64
                    || !text.substring(begin + 11, typeEnd).chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == ' '
                    || (c >= '0' && c <= '9'))) {
                throw new ConfigurationException("option " + option + ": " + shown(file, option) + " has a malformed PEM BEGIN line");
            }
            String type = text.substring(begin + 11, typeEnd).strip();
            String endMarker = "-----END " + type + "-----";
            int end = text.indexOf(endMarker, typeEnd + 5);
            if (end < 0) {
                throw new ConfigurationException("option " + option + ": " + shown(file, option) + " lacks '" + endMarker + "'");
            }
            String body = text.substring(typeEnd + 5, end);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED")
                    || type.equals("ENCRYPTED PRIVATE KEY");
            StringBuilder base64 = new StringBuilder(body.length());
            for (String line : body.split("\r?\n|\r")) {
                if (!line.contains(":")) { // skip RFC 1421 headers such as Proc-Type and DEK-Info
                    base64.append(line.strip());
                }
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("option " + option + ": " + shown(file, option) + ": the " + type
                        + " block is not valid base64");
            }
            blocks.add(new Block(type, der, encrypted));
            pos = end + endMarker.length();
        }
        return blocks;
    }

    /** The certificates of a PEM file, in file order; at least one. */
    static List<X509Certificate> certificates(Path file, String option) {
        return certificates(read(file, option), file, option);
    }

    /** The certificates among the blocks of {@code file}, in file order; at least one. */
    static List<X509Certificate> certificates(List<Block> blocks, Path file, String option) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks) {
                if (block.type().equals("CERTIFICATE") || block.type().equals("TRUSTED CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new ConfigurationException("option " + option + ": " + shown(file, option) + " holds a certificate that cannot be read: "
                    + reason(e));
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException("option " + option + ": " + shown(file, option)
                    + " contains no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The one private key of a PEM file. */
    static PrivateKey privateKey(Path file, String option) {
        return privateKey(read(file, option), file, option);
    }

    /** The one private key among the blocks of {@code file}. */
    static PrivateKey privateKey(List<Block> blocks, Path file, String option) {
        for (Block block : blocks) {
            String type = block.type();
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            if (block.encrypted()) {
                throw new ConfigurationException("option " + option + ": " + shown(file, option) + " holds an encrypted private key;"
                        + " logdrain needs it unencrypted (openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem)");
            }
            try {
                return switch (type) {
                    case "PRIVATE KEY" -> pkcs8(block.der());
                    case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapPkcs8(seq(OID_RSA, new byte[] {0x05, 0x00}), block.der())));
                    case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapPkcs8(seq(OID_EC, sec1Curve(block.der())), block.der())));
                    default -> throw new ConfigurationException("option " + option + ": " + shown(file, option) + " holds a '" + type
                            + "', which logdrain cannot read; convert it with openssl pkcs8 -topk8 -nocrypt");
                };
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigurationException("option " + option + ": " + shown(file, option) + ": the " + type
                        + " cannot be read: " + reason(e));
            }
        }
        throw new ConfigurationException("option " + option + ": " + shown(file, option)
                + " contains no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** Whether {@code key} belongs to {@code publicKey}, checked by signing and verifying a few bytes. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> null; // RSASSA-PSS needs parameters; let the handshake tell
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "logdrain key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier SEQUENCE { OID, params }, OCTET STRING }
        Der info = Der.parse(der, 0).content();
        Der version = info;
        Der algorithm = Der.parse(info.bytes, version.end()).content();
        String oid = Der.oidToString(algorithm);
        String keyAlgorithm = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            case "1.3.101.110" -> "X25519";
            case "1.2.840.10040.4.1" -> "DSA";
            default -> throw new GeneralSecurityException("unknown key algorithm " + oid);
        };
        return KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** The named-curve OID (full TLV) in the {@code [0] parameters} of a SEC 1 ECPrivateKey. */
    private static byte[] sec1Curve(byte[] der) throws GeneralSecurityException {
        Der field = Der.parse(der, 0).content(); // version
        while (field.end() < der.length) {
            field = Der.parse(der, field.end());
            if (field.tag == (byte) 0xA0) {
                Der curve = field.content();
                if (curve.tag != 0x06) {
                    break;
                }
                byte[] tlv = new byte[curve.end() - curve.start];
                System.arraycopy(der, curve.start, tlv, 0, tlv.length);
                return tlv;
            }
            if (field.end() > der.length) {
                break;
            }
        }
        throw new GeneralSecurityException("the EC key does not name its curve (explicit curve parameters are not supported)");
    }

    private static byte[] wrapPkcs8(byte[] algorithmIdentifier, byte[] privateKey) {
        return seq(new byte[] {0x02, 0x01, 0x00}, algorithmIdentifier, tlv(0x04, privateKey));
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long value = Long.parseLong(parts[i]);
            int groups = 1;
            for (long v = value >> 7; v > 0; v >>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((value >> (7 * g)) & 0x7F);
                body.write(g == 0 ? b : b | 0x80);
            }
        }
        return tlv(0x06, body.toByteArray());
    }

    /** The file's path, except for the key option, whose value is never shown (like every secret-looking option). */
    static String shown(Path file, String option) {
        return option.equals("key") ? "the file given as key" : file.toString();
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s+", " ").strip();
    }

    /** One DER element: its tag, where it starts, where its content starts, and its content length. */
    private record Der(byte[] bytes, byte tag, int start, int contentStart, int length) {

        static Der parse(byte[] bytes, int offset) throws GeneralSecurityException {
            if (offset + 2 > bytes.length) {
                throw new GeneralSecurityException("truncated DER");
            }
            byte tag = bytes[offset];
            int first = bytes[offset + 1] & 0xFF;
            int pos = offset + 2;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > 3 || pos + count > bytes.length) {
                    throw new GeneralSecurityException("malformed DER length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[pos++] & 0xFF);
                }
            }
            if (pos + length > bytes.length) {
                throw new GeneralSecurityException("truncated DER");
            }
            return new Der(bytes, tag, offset, pos, length);
        }

        int end() {
            return contentStart + length;
        }

        /** The first element inside this constructed one. */
        Der content() throws GeneralSecurityException {
            return parse(bytes, contentStart);
        }

        static String oidToString(Der sequenceFirstElement) throws GeneralSecurityException {
            if (sequenceFirstElement.tag != 0x06) {
                throw new GeneralSecurityException("expected an OID in the key's algorithm identifier");
            }
            byte[] b = sequenceFirstElement.bytes;
            StringBuilder sb = new StringBuilder();
            int first = b[sequenceFirstElement.contentStart] & 0xFF;
            sb.append(Math.min(first / 40, 2)).append('.').append(first - 40 * Math.min(first / 40, 2));
            long value = 0;
            for (int i = sequenceFirstElement.contentStart + 1; i < sequenceFirstElement.end(); i++) {
                value = (value << 7) | (b[i] & 0x7F);
                if ((b[i] & 0x80) == 0) {
                    sb.append('.').append(value);
                    value = 0;
                }
            }
            return sb.toString();
        }
    }
}
