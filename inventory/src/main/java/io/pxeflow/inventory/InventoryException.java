package io.pxeflow.inventory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An inventory file that cannot be imported. It carries every problem found, not just the first,
 * so an admin fixes the file in one pass; nothing of the file was accepted.
 */
public final class InventoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InventoryException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return count + ":\n" + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
