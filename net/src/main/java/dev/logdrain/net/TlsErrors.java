package dev.logdrain.net;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns the JDK's TLS exceptions into one line that says which check failed. */
final class TlsErrors {

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    private static final Set<String> NO_CERTIFICATE_ALERTS = Set.of("certificate_required", "handshake_failure",
            "bad_certificate", "certificate_unknown", "access_denied", "unknown_ca", "decrypt_error");

    private TlsErrors() {
    }

    /**
     * @param serverAsked whether the server asked for a client certificate
     * @param haveCert    whether one is configured
     */
    static SSLHandshakeException handshakeFailure(Throwable e, String endpoint, boolean serverAsked, boolean haveCert) {
        SSLHandshakeException result = new SSLHandshakeException(
                "TLS handshake with " + endpoint + " failed: " + diagnose(e, serverAsked, haveCert));
        result.initCause(e);
        return result;
    }

    static String diagnose(Throwable e, boolean serverAsked, boolean haveCert) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VerifyingTrustManager.Failure failure) {
                return failure.getMessage();
            }
        }
        String messages = messages(e);
        Matcher alert = ALERT.matcher(messages);
        String alertName = alert.find() ? alert.group(1) : null;
        if (messages.contains("protocol_version") || messages.contains("No appropriate protocol")
                || messages.contains("not accepted by client preferences") || messages.contains("protocol version")) {
            return "protocol: the server offers no TLS version logdrain accepts (TLS 1.2, TLS 1.3)";
        }
        if (messages.contains("Unsupported or unrecognized SSL message") || messages.contains("plaintext connection")) {
            return "protocol: the server did not answer with TLS (a plain TCP port?)";
        }
        if (serverAsked && !haveCert && (alertName == null || NO_CERTIFICATE_ALERTS.contains(alertName))) {
            return "client certificate required: the server asked for one and none is configured (options cert and key)"
                    + (alertName == null ? "" : " (alert " + alertName + ")");
        }
        if (serverAsked && haveCert && alertName != null && NO_CERTIFICATE_ALERTS.contains(alertName)) {
            return "client certificate refused: the server rejected the certificate of option cert (TLS alert "
                    + alertName + ")";
        }
        if (serverAsked && haveCert && alertName == null && messages.contains("right after the handshake")) {
            return "client certificate refused: the server asked for a client certificate and "
                    + (messages.contains("reset") ? "reset" : "closed") + " the connection right after the handshake"
                    + " without a TLS alert (as rsyslog does when it rejects the certificate of option cert)";
        }
        if ("handshake_failure".equals(alertName) || "insufficient_security".equals(alertName)) {
            return "the server and logdrain share no cipher suite or signature algorithm (alert " + alertName + ")";
        }
        if (alertName != null) {
            return "the server sent the alert " + alertName;
        }
        return VerifyingTrustManager.oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The name of the TLS alert the peer sent, or null. */
    static String alertName(Throwable e) {
        Matcher alert = ALERT.matcher(messages(e));
        return alert.find() ? alert.group(1) : null;
    }

    static boolean isAlert(SSLException e) {
        return ALERT.matcher(messages(e)).find();
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
