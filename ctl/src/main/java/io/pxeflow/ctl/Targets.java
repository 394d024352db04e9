package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the node arguments of a command into names: ranges expand here, globs ask the controller
 * (only it knows which names exist). Plain names are not checked up front: the API's 404 answers
 * for them, with its did-you-mean.
 */
final class Targets {
    private Targets() {
    }

    static List<String> resolve(List<String> args, ApiClient api) {
        Set<String> names = new LinkedHashSet<>();
        for (String arg : args) {
            List<String> items;
            try {
                items = NodeRange.items(arg);
            } catch (IllegalArgumentException e) {
                throw CtlException.usage(e.getMessage());
            }
            for (String item : items) {
                if (NodeRange.isGlob(item)) {
                    names.addAll(glob(item, api));
                } else {
                    try {
                        names.addAll(NodeRange.expand(item));
                    } catch (IllegalArgumentException e) {
                        throw CtlException.usage(e.getMessage());
                    }
                }
            }
        }
        if (names.isEmpty()) {
            throw CtlException.usage("no node given");
        }
        return List.copyOf(names);
    }

    private static List<String> glob(String pattern, ApiClient api) {
        JsonNode list = api.getJson(ApiClient.path("/api/v1/nodes", Map.of("name", pattern)));
        List<String> names = JsonOut.array(list, "nodes").stream().map(n -> JsonOut.text(n, "name")).toList();
        if (names.isEmpty()) {
            throw new CtlException(ExitCode.NOT_FOUND, "no node matches " + pattern);
        }
        return names;
    }
}
