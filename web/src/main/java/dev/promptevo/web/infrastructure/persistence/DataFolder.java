package dev.promptevo.web.infrastructure.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The server's data folder ({@code promptevo.data-dir}): the embedded database, the keys, the admin
 * token. It holds every task, dataset and model output, so it is the server user's alone: the folder
 * 0700 and the files in it 0600, whatever the process's umask, on every start (a folder made by an
 * older version, or by H2 before this ran, is tightened too).
 */
public final class DataFolder {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataFolder() {}

    /**
     * Creates {@code folder} (owner-only) when missing and makes it and its files owner-only. A file
     * system without POSIX permissions (Windows) is left to its access lists.
     */
    public static void secure(Path folder) {
        try {
            Files.createDirectories(folder);
            if (Files.getFileAttributeView(folder, PosixFileAttributeView.class) == null) {
                return;
            }
            Files.setPosixFilePermissions(folder, FOLDER);
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.toList()) {
                    if (Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(entry, FILE);
                    } else if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(entry, FOLDER);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + folder.toAbsolutePath() + " owner-only", e);
        }
    }
}
