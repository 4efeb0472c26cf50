package dev.promptevo.web.domain;

/** No entity of that kind has that id (or it is not visible to the caller). */
public final class UnknownEntityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String id;

    public UnknownEntityException(String kind, String id) {
        super("no " + kind + " with id '" + id + "'");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
