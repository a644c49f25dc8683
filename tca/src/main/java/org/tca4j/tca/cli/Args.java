package org.tca4j.tca.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small GNU-style argument parser: {@code --name value}, {@code --name=value}, boolean {@code --flag}, and
 * positional arguments. Options a command does not declare are usage errors.
 */
public final class Args {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> flags = new LinkedHashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    /**
     * Parses {@code argv}. {@code valued} names the options that take a value, {@code booleans} those that do not
     * (both without the leading dashes).
     */
    public static Args parse(String[] argv, Set<String> valued, Set<String> booleans) {
        Args a = new Args();
        boolean onlyPositional = false;
        for (int i = 0; i < argv.length; i++) {
            String s = argv[i];
            if (onlyPositional || !s.startsWith("--") || s.equals("-")) {
                a.positional.add(s);
                continue;
            }
            if (s.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = s.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleans.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                a.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** The last value given for {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.getLast();
    }

    /** The value of a required option. */
    public String require(String name) {
        String v = get(name, null);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int getInt(String name, int fallback, int min, int max) {
        String v = get(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int x = Integer.parseInt(v.strip());
            if (x < min || x > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + x);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a whole number, got '" + v + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }
}
