package org.ser4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioNotFoundException;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.io.SharedPaths;

/**
 * Clips on a non-local Hadoop file system decode to exactly what the CLI reads from a local file. The remote file
 * system here is the local disk under another scheme ({@code ser4jtest:}), which takes the same code path as HDFS or
 * S3: listing through Hadoop, bytes through {@code FileSystem.open}, decoding from memory.
 */
class ClipReaderTest {
    /** The local disk, presented to Hadoop as a file system of its own. */
    public static final class OtherSchemeFileSystem extends RawLocalFileSystem {
        @Override
        public URI getUri() {
            return URI.create("ser4jtest:///");
        }

        @Override
        public String getScheme() {
            return "ser4jtest";
        }
    }

    private static Configuration configuration() {
        Configuration conf = new Configuration(false);
        conf.set("fs.ser4jtest.impl", OtherSchemeFileSystem.class.getName());
        conf.setBoolean("fs.ser4jtest.impl.disable.cache", true);
        return conf;
    }

    @Test
    void remoteFilesDecodeExactlyAsLocalOnes() throws Exception {
        Path local = SharedPaths.datasets().resolve("emodb/wav/09a01Wb.flac");
        ClipReader reader = roundTrip(new ClipReader(configuration())); // as an executor receives it

        Signal remote = reader.read("ser4jtest://" + local, 16000);
        Signal cli = AudioReader.read(local, 16000);

        assertArrayEquals(cli.samples(), remote.samples());
        assertEquals("ser4jtest://" + local, remote.source(), "the clip keeps the name it was listed under");
        assertEquals(local.toString(), reader.read(local.toString(), 16000).source());
        AudioNotFoundException missing = assertThrows(AudioNotFoundException.class,
                () -> reader.read("ser4jtest:///no/such/clip.flac", 16000));
        assertEquals("ser4jtest:///no/such/clip.flac: no such file", missing.getMessage());
    }

    @Test
    void listingWorksOnAnyFileSystemAndKeepsItsScheme() {
        Path folder = SharedPaths.datasets().resolve("emodb/wav");
        List<String> remote = ClipTable.listAudioFiles(configuration(), "ser4jtest://" + folder + "/14b0*.flac");
        List<String> local = ClipTable.listAudioFiles(new Configuration(false), folder + "/14b0*.flac");

        assertEquals(local.size(), remote.size());
        assertEquals(local.stream().map(p -> "ser4jtest:" + p).toList(), remote);
        assertEquals(folder.resolve("14b01Ac.flac").toString(), local.get(0), "local paths are written plainly");
        assertNull(new ClipReader(configuration()).localFile(new org.apache.hadoop.fs.Path(remote.get(0))));
    }

    private static ClipReader roundTrip(ClipReader reader) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reader);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ClipReader) in.readObject();
        }
    }
}
