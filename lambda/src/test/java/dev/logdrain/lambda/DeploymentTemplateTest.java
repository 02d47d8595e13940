package dev.logdrain.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.lambda.internal.LambdaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment template and the README name what the code has: handler, zip, environment variables. */
class DeploymentTemplateTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path TEMPLATE = MODULE.resolveSibling("examples/deploy/template.yaml");

    private static String template() throws IOException {
        return Files.readString(TEMPLATE);
    }

    private static String value(String text, String key) {
        Matcher m = Pattern.compile("(?m)^\\s+" + key + ":\\s*(\\S+)\\s*$").matcher(text);
        assertThat(m.find()).as(key + " in " + TEMPLATE).isTrue();
        return m.group(1);
    }

    @Test
    void theHandlerIsTheStreamHandlerClassAndMethod() throws Exception {
        String handler = value(template(), "Handler");

        String[] parts = handler.split("::");
        assertThat(parts).hasSize(2);
        Class<?> type = Class.forName(parts[0]);
        assertThat(type).isEqualTo(CloudWatchLogsHandler.class);
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(type.getMethod(parts[1], InputStream.class, OutputStream.class, Context.class)).isNotNull();
        assertThat(type.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
    }

    @Test
    void theCodeIsTheZipTheBuildMakes() throws IOException {
        String codeUri = value(template(), "CodeUri");

        Path zip = TEMPLATE.getParent().resolve(codeUri).normalize();
        assertThat(zip).isEqualTo(MODULE.resolve("target/logdrain-lambda.zip"));
        String pom = Files.readString(MODULE.resolve("pom.xml"));
        assertThat(pom).contains("<finalName>logdrain-lambda</finalName>", "<appendAssemblyId>false</appendAssemblyId>");
        assertThat(value(template(), "Runtime")).isEqualTo("java21");
    }

    @Test
    void everyEnvironmentVariableIsOneTheCodeReads() throws IOException {
        List<String> names = environmentVariables(template());

        assertThat(names).isNotEmpty().contains(LambdaSettings.STACK, LambdaSettings.URL, LambdaSettings.URL_PARAMETER);
        for (String name : names) {
            if (name.startsWith("LOGDRAIN_")) {
                assertThat(LambdaSettings.LOGDRAIN_VARIABLES).as(name).contains(name);
            } else {
                assertThat(name).isEqualTo("JAVA_TOOL_OPTIONS");
            }
        }
        // the parameter the function reads back with DescribeStacks exists and is the one it is told to read
        assertThat(value(template(), LambdaSettings.URL_PARAMETER)).isEqualTo(LambdaSettings.DEFAULT_URL_PARAMETER);
        assertThat(template()).containsPattern("(?m)^  " + LambdaSettings.DEFAULT_URL_PARAMETER + ":\\n    Type: String");
        assertThat(template()).doesNotContain("NoEcho: true");
    }

    @Test
    void theReadmeDocumentsEveryVariable() throws IOException {
        String readme = Files.readString(MODULE.resolveSibling("README.md"));
        String section = readme.substring(readme.indexOf("<!-- section: lambda -->"),
                readme.indexOf("<!-- end section: lambda -->"));

        for (String name : LambdaSettings.LOGDRAIN_VARIABLES) {
            assertThat(section).as("README lambda section").contains("`" + name + "`");
        }
        assertThat(section).contains("dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest",
                "lambda/target/logdrain-lambda.zip", "examples/deploy/template.yaml");
    }

    /** The keys of every {@code Variables:} block. */
    private static List<String> environmentVariables(String text) {
        List<String> names = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals("Variables:")) {
                int indent = lines[i].indexOf('V');
                for (int j = i + 1; j < lines.length; j++) {
                    String line = lines[j];
                    if (line.isBlank() || line.strip().startsWith("#")) {
                        continue;
                    }
                    int own = line.length() - line.stripLeading().length();
                    if (own <= indent) {
                        break;
                    }
                    Matcher m = Pattern.compile("^\\s+([A-Z][A-Z0-9_]*):").matcher(line);
                    if (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }
}
