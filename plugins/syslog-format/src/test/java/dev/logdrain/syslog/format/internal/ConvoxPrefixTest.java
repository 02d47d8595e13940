package dev.logdrain.syslog.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written matcher agrees with convox/syslog's regular expression. */
class ConvoxPrefixTest {

    private static final Pattern CONVOX = Pattern.compile("^(([a-zA-Z][a-zA-Z0-9-]*):([A-Z]+)/([a-z0-9-]+) )?(.*)",
            Pattern.DOTALL);

    @Test
    void agreesWithTheRegularExpressionOnRandomMessages() {
        Random random = new Random(42);
        String alphabet = "aZ9-:/ _xR\nQ";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(16);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            check(sb.toString());
        }
    }

    @Test
    void agreesOnTypicalMessages() {
        for (String m : new String[] {"web:RGBCKLEZHCX/ec329dcefd61 10.0.3.37 GET /", "web:R/c", "web:R/c ", "",
            "worker-2:RABC/0a-1 x\ny", "w:R/c  two spaces", "w:R/c\tx", "W-:R/c x"}) {
            check(m);
        }
    }

    private static void check(String message) {
        ConvoxPrefix prefix = new ConvoxPrefix();
        Matcher m = CONVOX.matcher(message);
        assertThat(m.lookingAt()).isTrue();
        boolean expected = m.group(1) != null;
        assertThat(prefix.match(message)).as("'%s'", message).isEqualTo(expected);
        if (expected) {
            assertThat(message.substring(0, prefix.appEnd())).isEqualTo(m.group(2) + ":" + m.group(3));
            assertThat(message.substring(prefix.appEnd() + 1, prefix.procidEnd())).isEqualTo(m.group(4));
            assertThat(message.substring(prefix.messageStart())).isEqualTo(m.group(5));
        }
    }
}
