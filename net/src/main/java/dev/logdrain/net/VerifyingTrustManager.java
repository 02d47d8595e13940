package dev.logdrain.net;

import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager (chain, validity and, through the engine's endpoint identification,
 * hostname), whose failures are rethrown as {@link Failure} with one line saying which check failed:
 * expired, not yet valid, untrusted issuer, or name mismatch.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {

    /** A server certificate that failed verification; the message is the one-line diagnosis. */
    static final class Failure extends CertificateException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final X509ExtendedTrustManager delegate;
    private final String trustSource;

    VerifyingTrustManager(X509ExtendedTrustManager delegate, String trustSource) {
        this.delegate = delegate;
        this.trustSource = trustSource;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new Failure(diagnose(chain, e, engine == null ? null : engine.getPeerHost(), trustSource), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw new Failure(diagnose(chain, e, null, trustSource), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new Failure(diagnose(chain, e, null, trustSource), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    static String diagnose(X509Certificate[] chain, CertificateException e, String expectedName, String trustSource) {
        X509Certificate leaf = chain != null && chain.length > 0 ? chain[0] : null;
        Date now = new Date();
        if (has(e, CertificateExpiredException.class) || reason(e) == CertPathValidatorException.BasicReason.EXPIRED) {
            X509Certificate expired = leaf;
            for (X509Certificate c : chain == null ? new X509Certificate[0] : chain) {
                if (c.getNotAfter().before(now)) {
                    expired = c;
                    break;
                }
            }
            return expired == null ? "certificate expired"
                    : "certificate expired: '" + name(expired) + "' was valid until " + expired.getNotAfter().toInstant();
        }
        if (has(e, CertificateNotYetValidException.class) || reason(e) == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return leaf == null ? "certificate not yet valid"
                    : "certificate not yet valid: '" + name(leaf) + "' is valid from " + leaf.getNotBefore().toInstant();
        }
        String message = String.valueOf(e.getMessage());
        if (has(e, CertPathBuilderException.class) || message.contains("unable to find valid certification path")
                || reason(e) == CertPathValidatorException.BasicReason.UNSPECIFIED && message.contains("trust anchor")) {
            X509Certificate top = chain == null || chain.length == 0 ? null : chain[chain.length - 1];
            return "untrusted issuer: the server's certificate '" + (leaf == null ? "?" : name(leaf)) + "' is issued by '"
                    + (top == null ? "?" : issuerName(top)) + "', which " + trustSource + " does not trust";
        }
        if (message.startsWith("No name matching") || message.startsWith("No subject alternative")) {
            return "name mismatch: the server's certificate is for " + (leaf == null ? "?" : subjectNames(leaf))
                    + ", not '" + (expectedName == null ? "the host" : expectedName) + "'";
        }
        return "certificate rejected: " + oneLine(message);
    }

    private static CertPathValidatorException.Reason reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException v) {
                return v.getReason();
            }
        }
        return null;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The CN of a certificate's subject, or the whole subject when it has none. */
    static String name(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal().getName());
    }

    static String issuerName(X509Certificate certificate) {
        return commonName(certificate.getIssuerX500Principal().getName());
    }

    private static String commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException ignored) {
            // fall back to the whole name
        }
        return dn;
    }

    /** The DNS and IP names of a certificate (or its CN), e.g. {@code DNS:localhost, IP:127.0.0.1}. */
    static String subjectNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        names.add("DNS:" + entry.get(1));
                    } else if (type == 7) {
                        names.add("IP:" + entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // fall back to the CN
        }
        return names.isEmpty() ? "CN=" + name(certificate) : String.join(", ", names);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
