package dev.promptevo.web.infrastructure.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold secrets: readable and writable by the server's own user only (0600, in a 0700
 * folder) from the moment they exist, and replaced whole, never seen half-written.
 */
final class SecretFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private SecretFiles() {}

    /** Creates the folder (and its parents) when missing; a new folder is owner-only. */
    static void folder(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Files.createDirectory(dir, attributes(dir.getParent(), OWNER_ONLY_FOLDER));
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another start: fine
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + dir.toAbsolutePath(), e);
        }
    }

    /** Writes {@code text} to {@code file}, owner-only, through a temporary file moved into place. */
    static void write(Path file, String text, Set<PosixFilePermission> permissions) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes(dir, permissions));
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    private static FileAttribute<?>[] attributes(Path dir, Set<PosixFilePermission> permissions) throws IOException {
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        // Not POSIX (Windows): the file inherits its folder's access list.
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
