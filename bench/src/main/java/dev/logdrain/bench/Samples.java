package dev.logdrain.bench;

import com.cloudbees.syslog.MessageFormat;
import com.cloudbees.syslog.SyslogMessage;
import dev.logdrain.spi.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.logging.log4j.core.layout.Rfc5424Layout;

/**
 * Prints what the workload looks like and one message as each contender formats it, with the average
 * formatted size, so that a reader can check that like is compared with like.
 */
public final class Samples {

    public static void main(String[] args) {
        Workload w = Workload.standard();
        int multiLine = 0;
        int nonAscii = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (LogEvent e : w.events()) {
            int n = e.message().getBytes(StandardCharsets.UTF_8).length;
            min = Math.min(min, n);
            max = Math.max(max, n);
            multiLine += e.message().indexOf('\n') >= 0 ? 1 : 0;
            nonAscii += n != e.message().length() ? 1 : 0;
        }
        System.out.printf("workload: %,d events, message %d..%d bytes (mean %.0f), %d%% multi-line, %d%% non-ASCII;"
                        + " payload JSON %,d bytes, gzip %,d bytes, Lambda event %,d bytes%n",
                w.size(), min, max, w.messageBytes() / (double) w.size(), 100 * multiLine / w.size(),
                100 * nonAscii / w.size(), w.payloadJson().length, w.gzip().length, w.lambdaEvent().length);

        int index = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        System.out.println("ours:      " + Ours.formatOne(w.batch(), index));
        long oursTotal = Ours.framedBytes(w.batch()).length;

        Rfc5424Layout layout = Peers.log4jLayout(Peers.log4jConfiguration());
        List<org.apache.logging.log4j.core.LogEvent> log4j = Peers.log4jEvents(w.events());
        System.out.println("log4j:     " + new String(layout.toByteArray(log4j.get(index)), StandardCharsets.UTF_8));
        long log4jTotal = 0;
        for (org.apache.logging.log4j.core.LogEvent e : log4j) {
            log4jTotal += layout.toByteArray(e).length;
        }

        List<SyslogMessage> cloudBees = Peers.cloudBeesMessages(w.events());
        System.out.println("cloudBees: " + cloudBees.get(index).toSyslogMessage(MessageFormat.RFC_5424));
        long cloudBeesTotal = 0;
        for (SyslogMessage m : cloudBees) {
            cloudBeesTotal += m.toSyslogMessage(MessageFormat.RFC_5424).getBytes(StandardCharsets.UTF_8).length;
        }
        System.out.printf("mean bytes per message: ours %.0f (octet-counted), log4j %.0f, cloudBees %.0f%n",
                oursTotal / (double) w.size(), log4jTotal / (double) w.size(), cloudBeesTotal / (double) w.size());
    }
}
