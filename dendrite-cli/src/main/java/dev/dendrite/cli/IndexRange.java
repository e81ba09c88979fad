package dev.dendrite.cli;

/**
 * Rows {@code first..last} of a data set, both included, as {@code predict --index} writes them:
 * {@code 7} (one row) or {@code 0..9} (ten rows). Immutable.
 *
 * @param first the first row, from 0
 * @param last  the last row, not before {@code first}
 */
record IndexRange(int first, int last) {
    /**
     * Reads {@code I} or {@code A..B}.
     *
     * @throws UsageException naming {@code --index}, the forms and what was given
     */
    static IndexRange parse(String text) {
        String[] parts = text.trim().split("\\.\\.", -1);
        try {
            if (parts.length == 1 || parts.length == 2) {
                int first = Integer.parseInt(parts[0].trim());
                int last = parts.length == 1 ? first : Integer.parseInt(parts[1].trim());
                if (first >= 0 && last >= first) {
                    return new IndexRange(first, last);
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the forms that work
        }
        throw new UsageException("--index: expected a row I or a range A..B (both included, 0 <= A <= B), got '"
                + text + "'");
    }

    /** The number of rows. */
    int count() {
        return last - first + 1;
    }

    /**
     * Checks that the range lies within a set of {@code rows} rows named {@code set}.
     *
     * @throws UsageException naming the set's rows and the range
     */
    void checkWithin(int rows, String set) {
        if (last >= rows) {
            throw new UsageException("--index: expected rows from 0 to " + (rows - 1) + " of " + set + ", got "
                    + this);
        }
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + ".." + last;
    }
}
