package dev.logdrain.bench.probe;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-GCM throughput of this JVM on 16 KiB records (what TLS 1.3 encrypts), best of N rounds of 160
 * records: to compare Lambda's C1-only setting ({@code -XX:TieredStopAtLevel=1}) with the default JIT.
 *
 * <p>Usage: {@code java [-XX:TieredStopAtLevel=1] -cp bench/target/classes dev.logdrain.bench.probe.CipherSpeed [ROUNDS]}
 */
public final class CipherSpeed {

    private CipherSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        byte[] iv = new byte[12];
        byte[] in = new byte[16_384];
        byte[] out = new byte[16_384 + 16];
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        long best = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 160; i++) {
                iv[0] = (byte) i;
                iv[1] = (byte) round;
                iv[2] = (byte) (round >> 8);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv)); // a fresh nonce each time
                cipher.doFinal(in, 0, in.length, out, 0);
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("AES-128-GCM, 160 records of 16 KiB: best of %d rounds %.1f ms, %.0f MB/s%n", rounds,
                best / 1e6, 160 * 16_384 / (best / 1e9) / 1e6);
    }
}
