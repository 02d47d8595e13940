package dev.logdrain.bench;

import com.cloudbees.syslog.Facility;
import com.cloudbees.syslog.MessageFormat;
import com.cloudbees.syslog.Severity;
import com.cloudbees.syslog.SyslogMessage;
import com.cloudbees.syslog.sender.TcpSyslogMessageSender;
import dev.logdrain.spi.LogEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.SyslogAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.Rfc5424Layout;
import org.apache.logging.log4j.core.net.Protocol;
import org.apache.logging.log4j.core.net.ssl.SslConfiguration;
import org.apache.logging.log4j.core.net.ssl.TrustStoreConfiguration;
import org.apache.logging.log4j.message.SimpleMessage;

/**
 * The peer libraries set up as a user would: programmatically, RFC 5424, facility user, severity info, the
 * same APP-NAME as ours, no MDC or structured data, and each library's own defaults otherwise (both flush
 * after every message by default). Their event objects are built ahead of the measurement, so only
 * formatting and sending are timed.
 */
public final class Peers {

    private Peers() {
    }

    // ---- Log4j2 ----------------------------------------------------------------------------------------------

    /** A configuration that is not installed anywhere: log4j-core wants one, nothing is logged through it. */
    public static Configuration log4jConfiguration() {
        DefaultConfiguration config = new DefaultConfiguration();
        config.initialize();
        return config;
    }

    public static Rfc5424Layout log4jLayout(Configuration config) {
        return new Rfc5424Layout.Rfc5424LayoutBuilder()
                .setConfig(config)
                .setFacility(org.apache.logging.log4j.core.net.Facility.USER)
                .setAppName(Workload.APP_NAME)
                .setIncludeMDC(false)
                .build();
    }

    public static List<org.apache.logging.log4j.core.LogEvent> log4jEvents(List<LogEvent> events) {
        List<org.apache.logging.log4j.core.LogEvent> out = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            out.add(Log4jLogEvent.newBuilder()
                    .setLoggerName("orders")
                    .setLevel(Level.INFO)
                    .setTimeMillis(e.timestamp())
                    .setMessage(new SimpleMessage(e.message()))
                    .build());
        }
        return out;
    }

    /**
     * Log4j2's syslog appender over TCP (line feed after each message, as a TCP receiver needs it) or TLS
     * (octet counting, which Log4j2 switches on for TLS by itself), verifying the server's name.
     */
    public static SyslogAppender log4jAppender(Configuration config, int port, boolean tls) {
        SyslogAppender.Builder<?> builder = SyslogAppender.newSyslogAppenderBuilder();
        builder.setName("bench-syslog")
                .setConfiguration(config);
        builder.setHost("127.0.0.1")
                .setPort(port)
                .setProtocol(Protocol.TCP);
        builder.setFormat("RFC5424")
                .setFacility(org.apache.logging.log4j.core.net.Facility.USER)
                .setAppName(Workload.APP_NAME)
                .setIncludeMdc(false)
                .setNewLine(!tls);
        if (tls) {
            try {
                TrustStoreConfiguration trust = TrustStoreConfiguration.createKeyStoreConfiguration(
                        Certs.get().trustStore().toString(), Certs.TRUST_STORE_PASSWORD.toCharArray(), null, null,
                        "PKCS12", null);
                builder.setSslConfiguration(SslConfiguration.createSSLConfiguration("TLS", null, trust, true));
            } catch (Exception e) {
                throw new IllegalStateException("Log4j2 TLS configuration: " + e, e);
            }
        }
        SyslogAppender appender = builder.build();
        if (appender == null) {
            throw new IllegalStateException("Log4j2 did not build the syslog appender (see its status log)");
        }
        appender.start();
        return appender;
    }

    // ---- CloudBees syslog-java-client ------------------------------------------------------------------------

    public static List<SyslogMessage> cloudBeesMessages(List<LogEvent> events) {
        List<SyslogMessage> out = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            out.add(new SyslogMessage()
                    .withFacility(Facility.USER)
                    .withSeverity(Severity.INFORMATIONAL)
                    .withTimestamp(e.timestamp())
                    .withHostname(Workload.HOSTNAME)
                    .withAppName(Workload.APP_NAME)
                    .withProcId(Workload.PROC_ID)
                    .withMsg(e.message()));
        }
        return out;
    }

    /** CloudBees' TCP sender with octet counting (RFC 5425 format, no line-feed postfix), or TLS on top. */
    public static TcpSyslogMessageSender cloudBeesSender(int port, boolean tls) {
        TcpSyslogMessageSender sender = new TcpSyslogMessageSender();
        sender.setSyslogServerHostname("127.0.0.1");
        sender.setSyslogServerPort(port);
        sender.setMessageFormat(MessageFormat.RFC_5425);
        sender.setPostfix("");
        sender.setDefaultAppName(Workload.APP_NAME);
        sender.setDefaultMessageHostname(Workload.HOSTNAME);
        sender.setDefaultFacility(Facility.USER);
        sender.setDefaultSeverity(Severity.INFORMATIONAL);
        if (tls) {
            sender.setSsl(true);
            sender.setSSLContext(Certs.get().clientContext());
        }
        return sender;
    }
}
