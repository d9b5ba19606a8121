package org.mallku.heartbeat.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void aReplyUpToTheLimitIsShownWholeAndALongerOneIsCutThere() {
        String whole = "a".repeat(Excerpt.LIMIT);
        assertEquals(whole, Excerpt.excerpt(whole));
        assertFalse(Excerpt.cut(whole));
        assertTrue(Excerpt.cut(whole + "b"));
        assertEquals(whole, Excerpt.excerpt(whole + "b"));
        assertFalse(Excerpt.cut(null));
        assertNull(Excerpt.excerpt(null));
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverHalved() {
        String text = "a".repeat(Excerpt.LIMIT - 1) + "\uD83D\uDE00" + "tail";
        String shown = Excerpt.excerpt(text);
        assertEquals(Excerpt.LIMIT - 1, shown.length());
        assertFalse(Character.isHighSurrogate(shown.charAt(shown.length() - 1)));
    }
}
