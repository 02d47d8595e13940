package dev.logdrain.testing;

/** How a TLS input of rsyslog treats client certificates. */
public enum TlsAuth {
    /** Anonymous clients: no client certificate is requested (the usual server-authenticated TLS). */
    ANON,
    /** A client certificate signed by the configured CA is required (rsyslog {@code x509/certvalid}). */
    CERT_VALID;

    /** The value for imtcp's {@code streamDriver.authMode}. */
    public String imtcpMode() {
        return switch (this) {
            case ANON -> "anon";
            case CERT_VALID -> "x509/certvalid";
        };
    }

    /** The value for imrelp's {@code tls.authMode}, or null to leave it unset (anonymous). */
    public String relpMode() {
        return switch (this) {
            case ANON -> null;
            case CERT_VALID -> "certvalid";
        };
    }
}
