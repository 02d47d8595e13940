package dev.logdrain.bench;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The events every benchmark uses: a deterministic mix like {@code examples/events} (access logs, JSON logs,
 * Lambda START/END/REPORT lines, logfmt, short text, some non-ASCII text, some multi-line stack traces),
 * 60 to 300 bytes a message, about 170 on average, with the random ids, addresses and numbers that make real
 * logs compress poorly. A batch of 10,000 is about 1 MB as gzip, the size CloudWatch Logs hands a
 * subscription at most.
 */
public final class Workload {

    public static final int EVENTS = 10_000;
    public static final String GROUP = "/ecs/orders";
    public static final String STREAM = "web/web/0123456789abcdef0123456789abcdef";
    /** What our default header mapping derives from {@link #GROUP} and {@link #STREAM}; the peers get the same. */
    public static final String HOSTNAME = GROUP;
    public static final String APP_NAME = "web";
    public static final String PROC_ID = "0123456789abcdef0123456789abcdef";

    private static final long T0 = 1_715_679_000_000L; // 2024-05-14T09:30:00Z
    private static Workload standard;

    private final LogBatch batch;
    private final byte[] payloadJson;
    private final byte[] gzip;
    private final byte[] base64;
    private final byte[] lambdaEvent;
    private final long messageBytes;

    private Workload(List<LogEvent> events) {
        this.batch = new LogBatch("123456789012", GROUP, STREAM, events);
        this.payloadJson = payloadJson(batch);
        this.gzip = gzip(payloadJson);
        this.base64 = Base64.getEncoder().encode(gzip);
        this.lambdaEvent = lambdaEvent(base64);
        long bytes = 0;
        for (LogEvent e : events) {
            bytes += e.message().getBytes(StandardCharsets.UTF_8).length;
        }
        this.messageBytes = bytes;
    }

    /** The 10,000-event batch (built once per JVM). */
    public static synchronized Workload standard() {
        if (standard == null) {
            standard = of(EVENTS, 20240514L);
        }
        return standard;
    }

    public static Workload of(int count, long seed) {
        return new Workload(events(count, seed));
    }

    /** A workload of given events (same origin). */
    public static Workload of(List<LogEvent> events) {
        return new Workload(List.copyOf(events));
    }

    public LogBatch batch() {
        return batch;
    }

    public List<LogEvent> events() {
        return batch.events();
    }

    public int size() {
        return batch.size();
    }

    /** The decoded subscription payload ({@code {"messageType":"DATA_MESSAGE",...}}), UTF-8. */
    public byte[] payloadJson() {
        return payloadJson;
    }

    /** The payload as gzip, as Kinesis and Firehose carry it. */
    public byte[] gzip() {
        return gzip;
    }

    /** The gzip data in base64, ASCII: the value of {@code awslogs.data}. */
    public byte[] base64() {
        return base64;
    }

    /** The event a subscription filter hands Lambda: {@code {"awslogs":{"data":"H4sI..."}}}. */
    public byte[] lambdaEvent() {
        return lambdaEvent;
    }

    /** UTF-8 bytes of every message. */
    public long messageBytes() {
        return messageBytes;
    }

    // ---------------------------------------------------------------------------------------------------------

    static List<LogEvent> events(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LogEvent> events = new ArrayList<>(count);
        long time = T0;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(40);
            events.add(new LogEvent(eventId(random), time, message(random, time)));
        }
        return events;
    }

    private static String eventId(SplittableRandom r) {
        // CloudWatch Logs event ids are 56 decimal digits
        StringBuilder sb = new StringBuilder(56);
        sb.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < 56; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static final String[] PATHS = {"/api/orders", "/api/orders/%s", "/api/customers/%s/orders", "/health",
        "/api/cart/%s/items", "/static/app.%s.js", "/api/search?q=%s&page=2"};
    private static final String[] AGENTS = {"ELB-HealthChecker/2.0", "orders-web/3.2.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "okhttp/4.12.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"};
    private static final String[] MSGS = {"order created", "payment captured", "stock reserved", "cache miss",
        "slow query", "retrying request", "shipping label printed", "session refreshed"};
    private static final String[] LEVELS = {"debug", "info", "info", "info", "info", "warn", "error"};
    private static final String[] NON_ASCII = {
        "{\"level\":\"info\",\"msg\":\"Versand an Müllerstraße %d, 80331 München\",\"order_id\":\"ord_%s\",\"request_id\":\"%s\"}",
        "注文 ord_%s を処理しました（合計 ¥%d、配送先: 東京都渋谷区神南%d丁目）request=%s",
        "🚚 Paket %s unterwegs nach Zürich — Zustellung voraussichtlich %d. Mai, Sendungsnr. %s",
        "{\"level\":\"warn\",\"msg\":\"Échec de la réservation pour François Dupré\",\"attempt\":%d,\"trace\":\"%s\"}",
        "Пользователь cus_%d вошёл в систему с адреса 10.0.%d.%d, сессия %s"};

    private static String message(SplittableRandom r, long time) {
        int pick = r.nextInt(100);
        if (pick < 25) {
            return accessLog(r);
        } else if (pick < 53) {
            return jsonLog(r, time);
        } else if (pick < 63) {
            return lambdaLine(r);
        } else if (pick < 73) {
            return logfmt(r, time);
        } else if (pick < 83) {
            return nonAscii(r);
        } else if (pick < 88) {
            return stackTrace(r);
        } else {
            return shortText(r);
        }
    }

    private static String accessLog(SplittableRandom r) {
        String path = String.format(PATHS[r.nextInt(PATHS.length)], alnum(r, 8));
        return String.format("10.0.%d.%d - - [14/May/2024:09:%02d:%02d +0000] \"%s %s HTTP/1.1\" %d %d \"-\" \"%s\" %d.%03d \"Root=1-%s-%s\"",
                r.nextInt(256), r.nextInt(256), r.nextInt(60), r.nextInt(60), r.nextInt(4) == 0 ? "POST" : "GET", path,
                r.nextInt(10) == 0 ? 503 : 200, r.nextInt(50_000), AGENTS[r.nextInt(AGENTS.length)], r.nextInt(2),
                r.nextInt(1000), hex(r, 8), hex(r, 24));
    }

    private static String jsonLog(SplittableRandom r, long time) {
        return String.format("{\"level\":\"%s\",\"ts\":\"%s\",\"msg\":\"%s\",\"request_id\":\"%s\",\"order_id\":\"ord_%s\","
                        + "\"customer_id\":\"cus_%d\",\"total_cents\":%d,\"span_id\":\"%s\"}",
                LEVELS[r.nextInt(LEVELS.length)], java.time.Instant.ofEpochMilli(time), MSGS[r.nextInt(MSGS.length)],
                uuid(r), alnum(r, 6), r.nextInt(100_000), r.nextInt(1_000_000), hex(r, 16));
    }

    private static String lambdaLine(SplittableRandom r) {
        String request = uuid(r);
        return switch (r.nextInt(3)) {
            case 0 -> "START RequestId: " + request + " Version: $LATEST\n";
            case 1 -> "END RequestId: " + request + " Duration: " + r.nextInt(900) + "." + r.nextInt(100) + " ms\n";
            default -> String.format("REPORT RequestId: %s\tDuration: %d.%02d ms\tBilled Duration: %d ms\tMemory Size: 512 MB"
                    + "\tMax Memory Used: %d MB\tInit Duration: %d.%02d ms\t\n", request, r.nextInt(900), r.nextInt(100),
                    r.nextInt(1000), 60 + r.nextInt(200), 150 + r.nextInt(300), r.nextInt(100));
        };
    }

    private static String logfmt(SplittableRandom r, long time) {
        return String.format("time=%s level=%s msg=\"%s\" key=user:%d dur=%d.%dms trace_id=%s span_id=%s",
                java.time.Instant.ofEpochMilli(time), LEVELS[r.nextInt(LEVELS.length)], MSGS[r.nextInt(MSGS.length)],
                r.nextInt(100_000), r.nextInt(100), r.nextInt(10), hex(r, 32), hex(r, 16));
    }

    private static String nonAscii(SplittableRandom r) {
        return switch (r.nextInt(NON_ASCII.length)) {
            case 0 -> String.format(NON_ASCII[0], 1 + r.nextInt(200), alnum(r, 6), uuid(r));
            case 1 -> String.format(NON_ASCII[1], alnum(r, 6), r.nextInt(100_000), 1 + r.nextInt(9), hex(r, 16));
            case 2 -> String.format(NON_ASCII[2], alnum(r, 10), 1 + r.nextInt(31), hex(r, 20));
            case 3 -> String.format(NON_ASCII[3], 1 + r.nextInt(5), hex(r, 32));
            default -> String.format(NON_ASCII[4], r.nextInt(100_000), r.nextInt(256), r.nextInt(256), hex(r, 16));
        };
    }

    private static String stackTrace(SplittableRandom r) {
        return "ERROR OrderService - payment failed for ord_" + alnum(r, 6) + "\n"
                + "java.net.SocketTimeoutException: Read timed out after " + (1000 + r.nextInt(9000)) + " ms\n"
                + "\tat com.example.pay.Client.charge(Client.java:" + (40 + r.nextInt(200)) + ")\n"
                + "\tat com.example.orders.OrderService.pay(OrderService.java:" + (10 + r.nextInt(300)) + ")\n"
                + "\tat com.example.orders.Api.post(Api.java:" + (10 + r.nextInt(90)) + ")\n";
    }

    private static String shortText(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> "Processing job refund-" + r.nextInt(100_000) + " for order ord_" + alnum(r, 6) + " (worker ip-10-0-" + r.nextInt(256) + "-" + r.nextInt(256) + ", job " + hex(r, 16) + ")";
            case 1 -> "GET /health 200 " + r.nextInt(10) + "." + r.nextInt(10) + "ms from 10.0." + r.nextInt(256) + "."
                    + r.nextInt(256) + " ok, request " + uuid(r);
            default -> "Job refund-" + r.nextInt(100_000) + " done in " + r.nextInt(10) + "." + r.nextInt(100) + "s, "
                    + r.nextInt(50) + " rows updated, batch " + hex(r, 24);
        };
    }

    private static String uuid(SplittableRandom r) {
        return hex(r, 8) + "-" + hex(r, 4) + "-4" + hex(r, 3) + "-a" + hex(r, 3) + "-" + hex(r, 12);
    }

    private static String hex(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append("0123456789abcdef".charAt(r.nextInt(16)));
        }
        return sb.toString();
    }

    private static String alnum(SplittableRandom r, int n) {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------

    static byte[] payloadJson(LogBatch batch) {
        StringBuilder sb = new StringBuilder(batch.size() * 300);
        sb.append("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"").append(batch.owner())
                .append("\",\"logGroup\":\"").append(batch.logGroup())
                .append("\",\"logStream\":\"").append(batch.logStream())
                .append("\",\"subscriptionFilters\":[\"logdrain\"],\"logEvents\":[");
        boolean first = true;
        for (LogEvent e : batch.events()) {
            sb.append(first ? "" : ",").append("{\"id\":\"").append(e.id()).append("\",\"timestamp\":")
                    .append(e.timestamp()).append(",\"message\":\"");
            jsonEscape(e.message(), sb);
            sb.append("\"}");
            first = false;
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void jsonEscape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 64 * 1024) {
            {
                def.setLevel(Deflater.DEFAULT_COMPRESSION);
            }
        }) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] lambdaEvent(byte[] base64) {
        byte[] open = "{\"awslogs\":{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[] event = new byte[open.length + base64.length + close.length];
        System.arraycopy(open, 0, event, 0, open.length);
        System.arraycopy(base64, 0, event, open.length, base64.length);
        System.arraycopy(close, 0, event, open.length + base64.length, close.length);
        return event;
    }
}
