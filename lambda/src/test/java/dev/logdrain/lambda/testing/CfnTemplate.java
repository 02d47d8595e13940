package dev.logdrain.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A deployment template read as CloudFormation reads it (short-form tags such as {@code !Ref} become their
 * long form), deployed in thought with a set of parameter values: its conditions evaluated, the resources
 * that exist with those values, and their properties with {@code Fn::If} resolved and {@code AWS::NoValue}
 * removed. References to resources and {@code Fn::Sub} strings stay as written, for the tests to compare.
 */
public final class CfnTemplate {

    private final Map<String, Object> root;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    private CfnTemplate(Map<String, Object> root, Map<String, String> given) {
        this.root = root;
        map(root, "Parameters").forEach((name, declaration) -> {
            Map<String, Object> d = asMap(declaration);
            String value = given.containsKey(name) ? given.get(name)
                    : d.containsKey("Default") ? String.valueOf(d.get("Default")) : null;
            assertThat(value).as("parameter " + name + " has no default and no value").isNotNull();
            parameters.put(name, "CommaDelimitedList".equals(d.get("Type"))
                    ? Arrays.stream(value.split(",", -1)).map(String::strip).toList() : value);
        });
        given.keySet().forEach(name -> assertThat(parameters).as("template parameter").containsKey(name));
    }

    /** {@code examples/deploy/FILE} deployed with these parameter values (the others at their defaults). */
    public static CfnTemplate read(String file, Map<String, String> parameters) throws IOException {
        Path path = DeployTemplate.MODULE.resolveSibling("examples/deploy").resolve(file);
        Yaml yaml = new Yaml(new CfnConstructor());
        Map<String, Object> root = yaml.load(Files.readString(path));
        return new CfnTemplate(root, parameters);
    }

    /** A map of alternating keys and values. */
    public static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The raw template (long-form intrinsic functions). */
    public Map<String, Object> root() {
        return root;
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object declaration = map(root, "Conditions").get(name);
            assertThat(declaration).as("condition " + name).isNotNull();
            known = truth(declaration);
            conditions.put(name, known);
        }
        return known;
    }

    /** The names of the resources that exist with these parameter values. */
    public List<String> resourceNames() {
        List<String> names = new ArrayList<>();
        map(root, "Resources").forEach((name, resource) -> {
            Object condition = asMap(resource).get("Condition");
            if (condition == null || condition(String.valueOf(condition))) {
                names.add(name);
            }
        });
        return names;
    }

    public boolean has(String resource) {
        return resourceNames().contains(resource);
    }

    /** A resource that exists, resolved: Type, Properties and the policies as CloudFormation sees them. */
    public Map<String, Object> resource(String name) {
        assertThat(resourceNames()).as("resources").contains(name);
        return asMap(resolve(map(root, "Resources").get(name)));
    }

    /** The resolved properties of a resource that exists. */
    public Map<String, Object> properties(String resource) {
        return asMap(resource(resource).get("Properties"));
    }

    /** Follows a dotted path of map keys (and list indexes) in a resolved value. */
    @SuppressWarnings("unchecked")
    public static Object at(Object value, String path) {
        Object current = value;
        for (String key : path.split("\\.")) {
            if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(key));
            } else if (current instanceof Map<?, ?> map) {
                current = ((Map<String, Object>) map).get(key);
            } else {
                return null;
            }
        }
        return current;
    }

    /** Every statement of the inline policies of a role, resolved. */
    public List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        Object policies = properties(role).get("Policies");
        if (policies instanceof List<?> list) {
            for (Object policy : list) {
                Object s = at(policy, "PolicyDocument.Statement");
                if (s instanceof List<?> l) {
                    l.forEach(x -> statements.add(asMap(x)));
                }
            }
        }
        return statements;
    }

    /** The actions of every statement of a role, flattened. */
    public List<String> actions(String role) {
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> s : statements(role)) {
            Object a = s.get("Action");
            if (a instanceof List<?> list) {
                list.forEach(x -> actions.add(String.valueOf(x)));
            } else {
                actions.add(String.valueOf(a));
            }
        }
        return actions;
    }

    /** The resource of the one statement of a role that allows {@code action}. */
    public Object resourceOf(String role, String action) {
        List<Object> found = new ArrayList<>();
        for (Map<String, Object> s : statements(role)) {
            Object a = s.get("Action");
            if (Objects.equals(a, action) || a instanceof List<?> l && l.contains(action)) {
                found.add(s.get("Resource"));
            }
        }
        assertThat(found).as(action + " in " + role).hasSize(1);
        return found.get(0);
    }

    private static final Object NO_VALUE = new Object();

    /** Resolves Fn::If, parameter Refs and AWS::NoValue; leaves everything else as written. */
    private Object resolve(Object node) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = asMap(raw);
            if (map.size() == 1 && map.containsKey("Fn::If")) {
                List<?> args = (List<?>) map.get("Fn::If");
                return resolve(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
            }
            if (map.size() == 1 && map.containsKey("Ref")) {
                String name = String.valueOf(map.get("Ref"));
                if (name.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                return parameters.containsKey(name) ? parameters.get(name) : map;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object r = resolve(v);
                if (r != NO_VALUE) {
                    out.put(k, r);
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return node;
    }

    private boolean truth(Object node) {
        Map<String, Object> map = asMap(node);
        String fn = map.keySet().iterator().next();
        Object arg = map.get(fn);
        return switch (fn) {
            case "Condition" -> condition(String.valueOf(arg));
            case "Fn::Equals" -> {
                List<?> args = (List<?>) arg;
                yield Objects.equals(value(args.get(0)), value(args.get(1)));
            }
            case "Fn::Not" -> !truth(((List<?>) arg).get(0));
            case "Fn::And" -> ((List<?>) arg).stream().allMatch(this::truth);
            case "Fn::Or" -> ((List<?>) arg).stream().anyMatch(this::truth);
            default -> throw new AssertionError("condition function " + fn + " not understood by the test");
        };
    }

    /** The value of an expression in a condition: literals, parameter Refs and Fn::Join of them. */
    private Object value(Object node) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = asMap(raw);
            if (map.containsKey("Ref")) {
                Object v = parameters.get(String.valueOf(map.get("Ref")));
                assertThat(v).as("Ref " + map.get("Ref") + " in a condition").isNotNull();
                return v;
            }
            if (map.containsKey("Fn::Join")) {
                List<?> args = (List<?>) map.get("Fn::Join");
                Object items = value(args.get(1));
                List<String> parts = new ArrayList<>();
                for (Object item : (List<?>) items) {
                    parts.add(String.valueOf(value(item)));
                }
                return String.join(String.valueOf(args.get(0)), parts);
            }
            throw new AssertionError("expression " + map + " not understood by the test");
        }
        return node == null ? null : node instanceof List<?> ? node : String.valueOf(node);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return asMap(parent.get(key));
    }

    /** Short-form tags ({@code !Ref X}, {@code !GetAtt A.B}, {@code !If [...]}) as their long form. */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        String text = constructScalar(scalar);
                        value = tag.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(function, value);
                }
            });
        }
    }
}
