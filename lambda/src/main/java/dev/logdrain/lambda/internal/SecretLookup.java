package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Reads the secret named by {@code LOGDRAIN_URL_SECRET} with the AWS SDK: a Secrets Manager secret (name or
 * ARN, {@code GetSecretValue}) or an SSM SecureString parameter ({@code ssm:/name} or its ARN,
 * {@code GetParameter} with decryption). The client is built on the first lookup, which happens during init.
 */
public final class SecretLookup implements SecretUrls.SecretReader, AutoCloseable {

    private final String id;
    private final boolean ssm;
    private final Map<String, String> env;
    private SecretsManagerClient secretsManager;
    private SsmClient ssmClient;

    public SecretLookup(String reference, Map<String, String> env) {
        this.env = env;
        if (reference.startsWith("ssm:")) {
            this.ssm = true;
            this.id = reference.substring("ssm:".length());
        } else {
            this.ssm = reference.startsWith("arn:") && reference.split(":", 4).length == 4
                    && reference.split(":", 4)[2].equals("ssm");
            this.id = reference;
        }
        if (id.isBlank()) {
            throw new ConfigurationException(LambdaSettings.URL_SECRET + " names no secret");
        }
    }

    /** What the URL comes from, for messages: the secret's name, never its value. */
    public String origin() {
        return (ssm ? "SSM parameter " : "secret ") + id;
    }

    @Override
    public synchronized String read(Deadline deadline) {
        Duration timeout = Duration.ofMillis(Math.max(1, deadline.remainingMillis()));
        try {
            if (ssm) {
                return ssm().getParameter(b -> b.name(id).withDecryption(true)
                        .overrideConfiguration(o -> o.apiCallTimeout(timeout))).parameter().value();
            }
            return secretsManager().getSecretValue(b -> b.secretId(id)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))).secretString();
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new ConfigurationException((ssm ? "GetParameter on " : "GetSecretValue on ") + origin() + " failed: "
                    + AwsClients.oneLine(message));
        } catch (SdkException e) {
            throw new ConfigurationException((ssm ? "GetParameter on " : "GetSecretValue on ") + origin() + " failed: "
                    + AwsClients.oneLine(e.getMessage()));
        }
    }

    private SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = AwsClients.build(SecretsManagerClient.builder(), env,
                    AwsClients.value(env, LambdaSettings.SECRETSMANAGER_ENDPOINT), "read " + origin());
        }
        return secretsManager;
    }

    private SsmClient ssm() {
        if (ssmClient == null) {
            ssmClient = AwsClients.build(SsmClient.builder(), env, AwsClients.value(env, LambdaSettings.SSM_ENDPOINT),
                    "read " + origin());
        }
        return ssmClient;
    }

    /** The value of LOGDRAIN_URL_SECRET, if set. */
    public static Optional<String> reference(Map<String, String> env) {
        return AwsClients.value(env, LambdaSettings.URL_SECRET);
    }

    @Override
    public synchronized void close() {
        if (secretsManager != null) {
            secretsManager.close();
        }
        if (ssmClient != null) {
            ssmClient.close();
        }
    }
}
