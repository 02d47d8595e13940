package dev.logdrain.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.lambda.internal.LambdaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template of {@code examples/deploy}, read as text, with what every template of a logdrain
 * function must get right: the handler, the code, the environment variables.
 */
public final class DeployTemplate {

    /** The lambda module's folder (the tests' working directory). */
    public static final Path MODULE = Path.of("").toAbsolutePath();

    private static final Pattern VARIABLE = Pattern.compile("^\\s+([A-Z][A-Z0-9_]*):\\s*(.*?)\\s*$");

    private final Path path;
    private final String text;

    private DeployTemplate(Path path, String text) {
        this.path = path;
        this.text = text;
    }

    /** {@code examples/deploy/FILE}. */
    public static DeployTemplate read(String file) throws IOException {
        Path path = MODULE.resolveSibling("examples/deploy").resolve(file);
        return new DeployTemplate(path, Files.readString(path));
    }

    public Path path() {
        return path;
    }

    public String text() {
        return text;
    }

    /** The value of the first {@code key: value} in the template. */
    public String value(String key) {
        return value(text, key);
    }

    /** The value of the first {@code key: value} in a part of the template. */
    public String value(String part, String key) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(key) + ":\\s*(\\S.*?)\\s*$").matcher(part);
        assertThat(m.find()).as(key + " in " + path).isTrue();
        return m.group(1);
    }

    /** The lines of a top-level entry of a section ({@code Parameters}, {@code Resources}), indented two. */
    public String block(String name) {
        StringBuilder block = new StringBuilder();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (line.equals("  " + name + ":")) {
                in = true;
                continue;
            }
            if (in) {
                if (!line.isBlank() && !line.startsWith("   ")) {
                    break;
                }
                block.append(line).append('\n');
            }
        }
        assertThat(block).as(name + " in " + path).isNotEmpty();
        return block.toString();
    }

    /** The entries of every {@code Variables:} block in a part of the template: name to value as written. */
    public static Map<String, String> variables(String part) {
        Map<String, String> variables = new LinkedHashMap<>();
        String[] lines = part.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals("Variables:")) {
                int indent = lines[i].indexOf('V');
                for (int j = i + 1; j < lines.length; j++) {
                    String line = lines[j];
                    if (line.isBlank() || line.strip().startsWith("#")) {
                        continue;
                    }
                    if (line.length() - line.stripLeading().length() <= indent) {
                        break;
                    }
                    Matcher m = VARIABLE.matcher(line);
                    if (m.find()) {
                        variables.put(m.group(1), m.group(2));
                    }
                }
            }
        }
        return variables;
    }

    /** Asserts that {@code Class::method} is a stream handler that Lambda can construct and call. */
    public static void assertStreamHandler(String handler) throws ReflectiveOperationException {
        String[] parts = handler.split("::");
        assertThat(parts).as(handler).hasSize(2);
        Class<?> type = Class.forName(parts[0]);
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(type.getMethod(parts[1], InputStream.class, OutputStream.class, Context.class)).isNotNull();
        assertThat(type.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
    }

    /** Asserts that the function in this part of the template runs the zip the build makes on Java 21 or 25. */
    public void assertCodeIsTheBuiltZip(String function) {
        assertThat(path.getParent().resolve(value(function, "CodeUri")).normalize())
                .isEqualTo(MODULE.resolve("target/logdrain-lambda.zip"));
        assertThat(value(function, "Runtime")).isEqualTo("!Ref Runtime");
        assertThat(value(block("Runtime"), "AllowedValues")).isEqualTo("[java21, java25]");
        assertThat(value(block("Runtime"), "Default")).isEqualTo("java21");
    }

    /**
     * Asserts that every variable is one the code reads ({@code known}) or JAVA_TOOL_OPTIONS, and that the
     * function is told to read its URL from the stack parameter the template has, a plain String.
     */
    public void assertVariablesAreKnown(Map<String, String> variables, Collection<String> known) {
        assertThat(variables).containsKeys(LambdaSettings.STACK, LambdaSettings.URL, LambdaSettings.URL_PARAMETER);
        variables.keySet().forEach(name -> assertThat(name.startsWith("LOGDRAIN_") ? known.contains(name)
                : name.equals("JAVA_TOOL_OPTIONS")).as(name).isTrue());
        assertThat(variables.get(LambdaSettings.URL_PARAMETER)).isEqualTo(LambdaSettings.DEFAULT_URL_PARAMETER);
        assertThat(text).containsPattern("(?m)^  " + LambdaSettings.DEFAULT_URL_PARAMETER + ":\\n    Type: String");
        // DescribeStacks masks NoEcho values: the parameter the function reads back must not be one
        assertThat(block(LambdaSettings.DEFAULT_URL_PARAMETER)).doesNotContainPattern("(?m)^\\s+NoEcho:");
    }
}
