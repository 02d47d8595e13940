package dev.logdrain.lambda.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.HashMap;
import java.util.Map;

/** A Lambda context whose remaining time counts down from the given budget. */
public final class TestContext implements Context {

    /** The function this context belongs to. */
    public static final String FUNCTION = "logdrain-Function-ABC";

    private final long deadlineNanos;

    public TestContext(long budgetMillis) {
        this.deadlineNanos = System.nanoTime() + budgetMillis * 1_000_000L;
    }

    /**
     * The variables Lambda sets for this context's function (its name, the region), then {@code more}: name,
     * value, name, value, ... A mutable map, for the caller's own defaults ({@code putIfAbsent}).
     */
    public static Map<String, String> environment(String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION);
        env.put("AWS_REGION", "us-east-1");
        return putAll(env, more);
    }

    /**
     * The variables Lambda sets for {@code function} (its name, the region, its role's keys: fixed example values,
     * which the fake AWS APIs see in the signatures), then {@code more}: name, value, ... A mutable map.
     */
    public static Map<String, String> signedEnvironment(String function, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        env.put("AWS_SESSION_TOKEN", "session-token");
        return putAll(env, more);
    }

    private static Map<String, String> putAll(Map<String, String> env, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    @Override
    public String getAwsRequestId() {
        return "00000000-0000-0000-0000-000000000000";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + FUNCTION;
    }

    @Override
    public String getLogStreamName() {
        return "2024/01/01/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return FUNCTION;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.write(message, 0, message.length);
            }
        };
    }
}
