package dev.logdrain.processing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectorTest {

    private static final String X = "[REDACTED]";

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // IPv4, alone, with a port, inside URLs and X-Forwarded-For
        "ip|client 203.0.113.7 connected|client [REDACTED] connected",
        "ip|GET http://10.0.0.12:8080/health 200|GET http://[REDACTED]:8080/health 200",
        "ip|x-forwarded-for: 198.51.100.23, 10.1.2.3|x-forwarded-for: [REDACTED], [REDACTED]",
        "ip|{\"remote\":\"192.168.1.254\"}|{\"remote\":\"[REDACTED]\"}",
        // not addresses: versions, out-of-range octets, clock times, MAC addresses
        "ip|node v18.19.1.2 started|node v18.19.1.2 started",
        "ip|value 300.1.1.1 kept|value 300.1.1.1 kept",
        "ip|release 1.2.3.4.5 out|release 1.2.3.4.5 out",
        "ip|at 12:30:45.123 done|at 12:30:45.123 done",
        "ip|mac aa:bb:cc:dd:ee:ff up|mac aa:bb:cc:dd:ee:ff up",
        "ip|Foo::bar() called|Foo::bar() called",
        // IPv6 forms
        "ip|from 2001:db8::1 ok|from [REDACTED] ok",
        "ip|from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok|from [REDACTED] ok",
        "ip|GET https://[2001:db8:0:0:1::2]:443/x|GET https://[[REDACTED]]:443/x",
        "ip|mapped ::ffff:192.0.2.128 here|mapped [REDACTED] here",
        "ip|loopback ::1.|loopback [REDACTED].",
        "ip|link fe80::1ff:fe23:4567:890a%eth0 up|link [REDACTED] up",
        // e-mail addresses, in JSON strings and URLs
        "email|{\"user\":\"jane.doe+shop@mail.example.co.uk\",\"n\":1}|{\"user\":\"[REDACTED]\",\"n\":1}",
        "email|mailto:ops@example.com?subject=x|mailto:[REDACTED]?subject=x",
        "email|user@localhost stays|user@localhost stays",
        "email|@scope/package@1.2.3 stays|@scope/package@1.2.3 stays",
        // card numbers: spaces, dashes, plain; Luhn failures and epoch milliseconds stay
        "card|paid with 4111 1111 1111 1111 today|paid with [REDACTED] today",
        "card|card=5555-5555-5555-4444;|card=[REDACTED];",
        "card|amex 378282246310005|amex [REDACTED]",
        "card|order 4111111111111112 shipped|order 4111111111111112 shipped",
        "card|order id 5234567890123456 shipped|order id 5234567890123456 shipped",
        "card|ts=1700000000007 ok|ts=1700000000007 ok",
        "card|long 41111111111111110000000 stays|long 41111111111111110000000 stays",
        // AWS access key ids
        "aws-key|key AKIAIOSFODNN7EXAMPLE used|key [REDACTED] used",
        "aws-key|{\"AccessKeyId\":\"ASIAY34FZKBOKMUTVV7A\"}|{\"AccessKeyId\":\"[REDACTED]\"}",
        "aws-key|XAKIAIOSFODNN7EXAMPLE stays|XAKIAIOSFODNN7EXAMPLE stays",
        // Bearer tokens and JWTs
        "bearer|Authorization: Bearer abcdef0123456789.xyz|Authorization: Bearer [REDACTED]",
        "bearer|authorization: bearer mF_9.B5f-4.1JqM|authorization: bearer [REDACTED]",
        "bearer|token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_-x end|token=[REDACTED] end",
        "bearer|a bearer of news|a bearer of news",
    })
    void redacts(String detector, String message, String expected) {
        assertThat(Detector.byName(detector).redact(message, X)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ip", "email", "card", "aws-key", "bearer"})
    void aMessageWithoutAMatch_isTheSameInstance(String detector) {
        String message = "nothing to see here";
        assertThat(Detector.byName(detector).redact(message, X)).isSameAs(message);
    }
}
