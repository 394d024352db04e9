package io.pxeflow.reporter.collect;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * statvfs through {@link FileStore}. Finding a FileStore scans the mount table, so each one is
 * kept per mount point and device and dropped when the mount goes away; after that a sample
 * costs one statvfs per attribute. Not thread-safe: the sampler thread owns it.
 */
public final class FileStoreProbe implements SpaceProbe {
    private final ProcFs fs;
    private final Map<MountEntry, FileStore> stores = new HashMap<>();

    public FileStoreProbe(ProcFs fs) {
        this.fs = fs;
    }

    /** Forgets the stores of mounts not in {@code current}, so unmounts do not accumulate. */
    public void retain(List<MountEntry> current) {
        stores.keySet().retainAll(current);
    }

    @Override
    public Space stat(MountEntry mount) {
        try {
            FileStore store = stores.get(mount);
            if (store == null) {
                store = Files.getFileStore(fs.resolve(mount.mountPoint()));
                stores.put(mount, store);
            }
            long size = store.getTotalSpace();
            if (size <= 0) {
                return null;
            }
            return new Space(size, store.getUnallocatedSpace(), store.getUsableSpace());
        } catch (IOException | SecurityException e) {
            stores.remove(mount);
            return null;
        }
    }
}
