package io.pxeflow.inventory;

import java.util.List;

/** One directive: its words, and the physical line it starts on (for error messages). */
record ConfigLine(int number, List<String> words) {

    ConfigLine {
        words = List.copyOf(words);
    }

    String keyword() {
        return words.get(0);
    }

    /** The words after the keyword. */
    List<String> args() {
        return words.subList(1, words.size());
    }
}
