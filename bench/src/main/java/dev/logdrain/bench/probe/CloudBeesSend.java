package dev.logdrain.bench.probe;

import com.cloudbees.syslog.Facility;
import com.cloudbees.syslog.MessageFormat;
import com.cloudbees.syslog.Severity;
import com.cloudbees.syslog.SyslogMessage;
import com.cloudbees.syslog.sender.TcpSyslogMessageSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A JVM sending one message with CloudBees' TcpSyslogMessageSender, octet-counted.
 * Usage: {@code CloudBeesSend PORT TIMESTAMP_MILLIS MESSAGE_FILE}. JDK and syslog-java-client classes only.
 */
public final class CloudBeesSend {

    private CloudBeesSend() {
    }

    public static void main(String[] args) throws Exception {
        String message = new String(Files.readAllBytes(Paths.get(args[2])), StandardCharsets.UTF_8);
        TcpSyslogMessageSender sender = new TcpSyslogMessageSender();
        sender.setSyslogServerHostname("127.0.0.1");
        sender.setSyslogServerPort(Integer.parseInt(args[0]));
        sender.setMessageFormat(MessageFormat.RFC_5425);
        sender.setPostfix("");
        try {
            sender.sendMessage(new SyslogMessage()
                    .withFacility(Facility.USER)
                    .withSeverity(Severity.INFORMATIONAL)
                    .withTimestamp(Long.parseLong(args[1]))
                    .withHostname("/ecs/orders")
                    .withAppName("web")
                    .withProcId("0123456789abcdef0123456789abcdef")
                    .withMsg(message));
        } finally {
            sender.close();
        }
    }
}
