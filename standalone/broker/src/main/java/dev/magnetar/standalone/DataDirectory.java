package dev.magnetar.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The broker's data directory: created and checked before anything is started, and locked so
 * that two brokers never write the same RocksDB store and bookie journal. The lock is an OS file
 * lock, so it is released even when the holder is killed; the file also names the holder's pid.
 */
final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "broker.lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory tree (the logs directory first: logging needs it) and checks it is writable. */
    static Path prepare(Path root) throws StartupFailure {
        for (Path dir : new Path[] {root, root.resolve("logs"), root.resolve("conf"), root.resolve("bookkeeper")}) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StartupFailure("cannot create data directory " + dir + " (--data-dir): " + reason(e)
                        + "; pass --data-dir a directory this user can write");
            }
        }
        Path probe = root.resolve(".write-probe");
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupFailure("data directory " + root + " (--data-dir) is not writable: " + reason(e)
                    + "; pass --data-dir a directory this user can write");
        }
        return root;
    }

    /** Takes the directory's lock, or fails naming the broker that holds it. */
    static DataDirectory lock(Path root) throws StartupFailure {
        Path lockFile = root.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new StartupFailure("data directory " + root + " (--data-dir) is in use by another running broker"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + "; stop that broker or pass another --data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupFailure("cannot lock " + lockFile + ": " + reason(e)
                    + "; pass --data-dir a directory this user can write");
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    Path root() {
        return root;
    }

    Path resolve(String name) {
        return root.resolve(name);
    }

    @Override
    public void close() {
        try {
            lockChannel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // The OS drops the lock with the process anyway.
        }
        closeQuietly(lockChannel);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + (fse.getFile() != null ? " (" + fse.getFile() + ")" : "");
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
