package dev.logdrain.net;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers the configured client certificate (if any) and remembers, per engine, that the server asked
 * for one: with TLS 1.3 a server refuses a missing certificate only after the client's handshake is
 * done, and with TLS 1.2 its alert does not say why; knowing that it asked lets us say so.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client";

    private final X509Certificate[] chain;
    private final PrivateKey key;
    private final Map<SSLEngine, Boolean> asked = Collections.synchronizedMap(new WeakHashMap<>());

    ClientKeyManager(X509Certificate[] chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    /** Whether the server behind this engine asked for a client certificate. */
    boolean serverAsked(SSLEngine engine) {
        return asked.containsKey(engine);
    }

    void forget(SSLEngine engine) {
        asked.remove(engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        asked.put(engine, Boolean.TRUE);
        if (chain == null) {
            return null;
        }
        String algorithm = key.getAlgorithm();
        for (String keyType : keyTypes) {
            if (keyType.equalsIgnoreCase(algorithm)
                    || keyType.equals("EdDSA") && algorithm.startsWith("Ed")
                    || keyType.equals("RSA") && algorithm.equals("RSASSA-PSS")) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chain == null ? null : ALIAS;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) && chain != null ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return chain == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
