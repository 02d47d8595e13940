package dev.logdrain.cli.internal;

import dev.logdrain.spi.Destination;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * One line saying why a connection failed, in the terms an operator acts on: DNS, refused, timeout,
 * certificate (expired, untrusted, wrong name), not TLS. Looks at the exception types in the cause chain
 * first, then at the words of the messages (sinks may report a cause as text only).
 */
final class Diagnosis {

    private Diagnosis() {
    }

    static String of(Throwable failure, Destination destination) {
        String target = destination.hostAndPort();
        String host = destination.host();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "DNS: cannot resolve " + host + " (is the name right? does this machine's DNS know it?)";
            }
            if (t instanceof CertificateExpiredException) {
                return "certificate: the server's certificate (or one in its chain) has expired: " + t.getMessage();
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate: the server's certificate is not valid yet (check the clocks): " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "refused: nothing accepts connections on " + target
                        + " (is the server running and listening on that port? a firewall rejecting it?)";
            }
            if (t instanceof NoRouteToHostException) {
                return "unreachable: no route to " + target;
            }
            if (t instanceof SocketTimeoutException) {
                return "timeout: " + target + " did not answer in time (a firewall dropping packets, the wrong port, "
                        + "or a TLS port reached with plain TCP?)";
            }
        }
        String text = messages(failure).toLowerCase(Locale.ROOT);
        if (text.contains("unknownhost") || text.contains("unknown host") || text.contains("cannot resolve")
                || text.contains("name or service not known")) {
            return "DNS: cannot resolve " + host + " (is the name right?)";
        }
        if (text.contains("expired")) {
            return "certificate: the server's certificate has expired (" + firstLine(failure) + ")";
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")
                || text.contains("does not match") || text.contains("hostname")) {
            return "certificate: the server's certificate is not issued for " + host
                    + " (give ?servername=NAME if it is issued for another name): " + firstLine(failure);
        }
        if (hasCause(failure, CertPathBuilderException.class) || hasCause(failure, CertPathValidatorException.class)
                || text.contains("pkix") || text.contains("certification path") || text.contains("untrusted")
                || text.contains("not trusted")) {
            return "certificate: the server's certificate is not signed by a trusted CA (for a private CA give "
                    + "?ca=/path/to/ca.pem): " + firstLine(failure);
        }
        if (text.contains("refused")) {
            return "refused: nothing accepts connections on " + target + " (is the server running on that port?)";
        }
        if (text.contains("timed out") || text.contains("timeout") || text.contains("deadline")) {
            return "timeout: " + target + " did not answer in time: " + firstLine(failure);
        }
        if (text.contains("unrecognized ssl message") || text.contains("plaintext connection")
                || (hasCause(failure, SSLException.class) && text.contains("terminated the handshake"))) {
            return "TLS: the handshake with " + target + " failed; is it a TLS port? (" + firstLine(failure) + ")";
        }
        if (hasCause(failure, SSLException.class)) {
            return "TLS: " + firstLine(failure);
        }
        return firstLine(failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    /** The failure's own message on one line (its type when it has none). */
    static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
