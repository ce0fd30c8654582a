package org.ser4j.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ser4j.audio.AudioNotFoundException;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;

/**
 * Decodes a clip named by a path string, on an executor. Local files (no scheme on a local default file system,
 * or {@code file:}) go through exactly the CLI's call, {@code AudioReader.read(Path, rate)}; files on any other
 * Hadoop file system (HDFS, S3 through s3a, ...) are read into memory and decoded with
 * {@code AudioReader.read(bytes, path, rate)}, which runs the same decoders. Either way the signal's source, and so
 * the prediction's {@code file}, is the path string as listed in the clip table.
 *
 * <p>Serializable: the driver's Hadoop settings (credentials, endpoints given as {@code spark.hadoop.*}) travel
 * with it as plain strings, since Hadoop's {@code Configuration} is not serializable.
 */
public final class ClipReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> hadoopSettings;
    private transient Configuration configuration;

    public ClipReader(Configuration driverConfiguration) {
        this.hadoopSettings = new HashMap<>();
        for (Map.Entry<String, String> e : driverConfiguration) {
            hadoopSettings.put(e.getKey(), e.getValue());
        }
    }

    /** The clip at {@code path}, mono at {@code sampleRate}; typed AudioExceptions for bad or missing files. */
    public Signal read(String path, int sampleRate) {
        Path hadoopPath = new Path(path);
        java.nio.file.Path local = localFile(hadoopPath);
        if (local != null) {
            return AudioReader.read(local, sampleRate);
        }
        return AudioReader.read(readBytes(hadoopPath, path), path, sampleRate);
    }

    /** The local file a path names, or null when it lives on another file system. */
    java.nio.file.Path localFile(Path path) {
        URI uri = path.toUri();
        String scheme = uri.getScheme();
        if (scheme == null) {
            String defaultFs = configuration().get(FileSystem.FS_DEFAULT_NAME_KEY, "file:///");
            return defaultFs.startsWith("file:") ? java.nio.file.Path.of(path.toString()) : null;
        }
        return scheme.equals("file") ? java.nio.file.Path.of(uri.getPath()) : null;
    }

    private byte[] readBytes(Path hadoopPath, String name) {
        try {
            FileSystem fs = hadoopPath.getFileSystem(configuration());
            try (InputStream in = fs.open(hadoopPath)) {
                return in.readAllBytes();
            }
        } catch (FileNotFoundException e) {
            throw new AudioNotFoundException(name, "no such file");
        } catch (IOException e) {
            throw new AudioNotFoundException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    private Configuration configuration() {
        if (configuration == null) {
            Configuration c = new Configuration(false);
            hadoopSettings.forEach(c::set);
            configuration = c;
        }
        return configuration;
    }
}
