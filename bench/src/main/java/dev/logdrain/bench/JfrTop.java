package dev.logdrain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises JFR execution samples: the methods with the most samples on top of the stack (self), and the
 * methods of our packages and the JDK's I/O, zip and JSON code that most samples pass through (total).
 * Usage: {@code JfrTop FILE_OR_DIR [N] [THREAD_SUBSTRING]}; with a folder, every {@code .jfr} file in it.
 */
public final class JfrTop {

    public static void main(String[] args) throws IOException {
        Path path = Paths.get(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        String thread = args.length > 2 ? args[2] : null;
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(p -> p.toString().endsWith(".jfr")).forEach(files::add);
            }
        } else {
            files.add(path);
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (Path file : files) {
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                if (thread != null && (e.getThread("sampledThread") == null
                        || !String.valueOf(e.getThread("sampledThread").getJavaName()).contains(thread))) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = name(f);
                    if (seen.add(m)) {
                        total.merge(m, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println(samples + " samples");
        System.out.println("self:");
        print(self, samples, n, false);
        System.out.println("total (logdrain, jackson, zip, base64, nio, ssl):");
        print(total, samples, n, true);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int n, boolean interesting) {
        counts.entrySet().stream()
                .filter(e -> !interesting || e.getKey().startsWith("dev.logdrain") && !e.getKey().contains(".bench.")
                        || e.getKey().contains("jackson") || e.getKey().contains("zip") || e.getKey().contains("Base64")
                        || e.getKey().startsWith("sun.nio") || e.getKey().contains("ssl"))
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(n)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
