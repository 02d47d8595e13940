package dev.logdrain.testing;

/**
 * A listening input of a {@link SyslogServer}. Every input gets its own free port on 127.0.0.1.
 * Not every server offers every input: see {@link Rsyslog.Builder} and {@link SyslogNg.Builder}.
 */
public enum Input {
    /** UDP, one message per datagram, RFC 5424 or RFC 3164 (auto-detected). */
    UDP("udp"),
    /** Plain TCP; octet-counted (RFC 6587) and LF-framed input are both accepted on the same port. */
    TCP("tcp"),
    /** TLS over TCP (RFC 5425); the server does not ask for a client certificate. */
    TLS("tcp+tls"),
    /** TLS over TCP that requires a client certificate signed by the test CA (mutual TLS). */
    TLS_MUTUAL("tcp+tls"),
    /** RELP (rsyslog only). */
    RELP("relp"),
    /** RELP over TLS (rsyslog only); no client certificate needed unless configured. */
    RELP_TLS("relp+tls"),
    /** UDP whose messages are parsed as RFC 3164 only (rsyslog's {@code rsyslog.rfc3164} parser). */
    UDP_RFC3164("udp"),
    /** Plain TCP whose messages are parsed as RFC 3164 only (rsyslog's {@code rsyslog.rfc3164} parser). */
    TCP_RFC3164("tcp"),
    /**
     * Plain TCP, LF-framed (a CR before the LF is taken off), parsed as RFC 5424: syslog-ng's {@code network()}
     * source with {@code flags(syslog-protocol)}, whose {@code syslog()} source takes only octet counting; on
     * rsyslog an imtcp input like {@link #TCP}.
     */
    TCP_LF("tcp");

    private final String scheme;

    Input(String scheme) {
        this.scheme = scheme;
    }

    /** The logdrain destination URL scheme that talks to this input, e.g. {@code tcp+tls}. */
    public String scheme() {
        return scheme;
    }

    /** True for TCP-based inputs (TCP, TLS, RELP), false for UDP. */
    public boolean isTcp() {
        return !scheme.equals("udp");
    }
}
