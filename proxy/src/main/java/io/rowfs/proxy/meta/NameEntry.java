package io.rowfs.proxy.meta;

/**
 * What the name index says about one (parent, name): the name leads to a virtual object, or it is a
 * whiteout that hides main's entry of that name.
 *
 * @param childId the virtual id the name leads to; 0 for a whiteout
 */
public record NameEntry(long childId) {
    public static final NameEntry WHITEOUT = new NameEntry(0);

    public static NameEntry child(long id) {
        if (id == 0) {
            throw new IllegalArgumentException("child id 0 is reserved for whiteouts");
        }
        return new NameEntry(id);
    }

    public boolean isWhiteout() {
        return childId == 0;
    }
}
