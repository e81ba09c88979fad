package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassNamesTest {
    @Test
    void aNameWithANewlineOrACommaStaysOneName() {
        List<String> names = List.of("setosa", "versi\ncolor", "vir,\"ginica\"", "");
        assertEquals(names, ClassNames.read(ClassNames.write(names)));
        assertEquals("[\"a\",\"b\\nc\"]", ClassNames.write(List.of("a", "b\nc")));
    }

    @Test
    void filesFromBeforeJoinedNamesByNewlines() {
        assertEquals(List.of("setosa", "versicolor", "virginica"), ClassNames.read("setosa\nversicolor\nvirginica"));
        assertEquals(List.of(), ClassNames.read(null));
    }

    @Test
    void anArrayOfOtherThanStringsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassNames.read("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> ClassNames.read("[\"a\""));
        assertThrows(IllegalArgumentException.class, () -> ClassNames.read("[\"a\"] x"));
    }
}
