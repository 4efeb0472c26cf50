package dev.promptevo.web.domain.dataset;

/** A body went past the configured size limit; reading stopped there and nothing was kept. */
public final class UploadTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    public UploadTooLargeException(long limitBytes) {
        super("the body is larger than the limit of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
