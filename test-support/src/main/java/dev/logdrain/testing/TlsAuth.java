package dev.logdrain.testing;

/** How a TLS input of rsyslog treats client certificates. */
public enum TlsAuth {
    /** Anonymous clients: no client certificate is requested (the usual server-authenticated TLS). */
    ANON("anon", null),
    /** A client certificate signed by the configured CA is required (rsyslog {@code x509/certvalid}). */
    CERT_VALID("x509/certvalid", "certvalid");

    private final String imtcpMode;
    private final String relpMode;

    TlsAuth(String imtcpMode, String relpMode) {
        this.imtcpMode = imtcpMode;
        this.relpMode = relpMode;
    }

    /** The value for imtcp's {@code streamDriver.authMode}. */
    public String imtcpMode() {
        return imtcpMode;
    }

    /** The value for imrelp's {@code tls.authMode}, or null to leave it unset (anonymous). */
    public String relpMode() {
        return relpMode;
    }
}
