package io.pxeflow.headnode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code pxeflow up} per data directory. Kafka locks its log directory too, but only after
 * its KRaft controller has started writing the metadata log in it: a second {@code up} on the
 * same directory would get that far before failing, and the first one's broker then hung on
 * shutdown. This lock is taken before anything touches the directory. The OS drops it when the
 * process dies, so a crash leaves nothing to clean up.
 */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the lock, or null when another process holds it */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirLock(channel, lock);
            }
        } catch (OverlappingFileLockException sameJvm) {
            // Held by this very process: just as taken.
        }
        channel.close();
        return null;
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
