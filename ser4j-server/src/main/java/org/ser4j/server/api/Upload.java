package org.ser4j.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet5.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of a prediction request: the first file of a {@code multipart/form-data} upload, or the raw body.
 * The size limit is enforced before anything is buffered: a declared Content-Length over the limit is refused
 * at once, and a body without one is read only up to the limit.
 *
 * <p>A multipart body is parsed as a stream (Commons FileUpload): the file part goes straight into memory, up to the
 * limit, and never to a temporary file, so a full or broken disk cannot fail an upload; part headers may be up to
 * 10 KB, so long file names are cut to a label rather than refused.
 *
 * @param bytes    the file's bytes
 * @param fileName the client's name for it, reduced to a display label (never used as a path)
 */
public record Upload(byte[] bytes, String fileName) {
    private static final Logger LOG = LoggerFactory.getLogger(Upload.class);
    private static final int MAX_NAME = 255;
    /** Room for the boundaries, part headers and small form fields around the file in a multipart body. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** Part headers longer than this are malformed: room for a file name of a few thousand characters. */
    private static final int MAX_PART_HEADER_BYTES = 10 * 1024;

    public static Upload read(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes + MULTIPART_OVERHEAD
                || declared > maxBytes && !isMultipart(ctx)) {
            throw ApiException.tooLarge(maxBytes);
        }
        Upload upload = isMultipart(ctx) ? multipart(ctx, maxBytes) : raw(ctx, maxBytes);
        if (upload.bytes.length == 0) {
            throw new ApiException(400, "missing_audio", "the request carries no audio: send the file as the raw "
                    + "body or as a multipart/form-data file field");
        }
        return upload;
    }

    private static boolean isMultipart(Context ctx) {
        return ctx.contentType() != null && ctx.contentType().toLowerCase().startsWith("multipart/form-data");
    }

    private static Upload raw(Context ctx, long maxBytes) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] data = readAtMost(in, maxBytes);
            String name = ctx.queryParam("filename");
            return new Upload(data, label(name == null ? ctx.header("X-File-Name") : name));
        } catch (IOException e) {
            throw new ApiException(400, "bad_body", "the request body could not be read: " + e.getMessage());
        }
    }

    private static Upload multipart(Context ctx, long maxBytes) {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser = new JakartaServletFileUpload<>();
        parser.setMaxSize(maxBytes + MULTIPART_OVERHEAD);
        parser.setMaxFileSize(maxBytes);
        parser.setMaxPartHeaderSize(MAX_PART_HEADER_BYTES);
        parser.setHeaderCharset(StandardCharsets.UTF_8); // what browsers send; other bytes become U+FFFD
        try {
            FileItemInputIterator parts = parser.getItemIterator(ctx.req());
            int seen = 0;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                seen++;
                if (part.isFormField()) {
                    continue;
                }
                // The raw name: FileItemInput.getName() refuses names with NUL, which label() cleans instead.
                String name = parser.getFileName(part.getHeaders());
                try (InputStream in = part.getInputStream()) {
                    return new Upload(readAtMost(in, maxBytes), label(name));
                }
            }
            if (seen == 0) {
                throw new ApiException(400, "bad_multipart", "the multipart/form-data body is malformed: it has no "
                        + "part delimited by the boundary its Content-Type declares");
            }
        } catch (IOException | IllegalStateException e) {
            // Over a limit (FileUploadSizeException also covers the per-file count), or the client's body is broken:
            // a wrong boundary, a truncated part, a part header over 10 KB. Nothing on the server's side can fail.
            if (causedBy(e, FileUploadSizeException.class)) {
                throw ApiException.tooLarge(maxBytes);
            }
            LOG.debug("request {}: malformed multipart body: {}", RequestIds.of(ctx), e.toString());
            throw new ApiException(400, "bad_multipart", "the multipart/form-data body is malformed: "
                    + e.getMessage());
        }
        throw new ApiException(400, "missing_audio", "the multipart/form-data body has no file field; send the "
                + "audio as a file field (e.g. curl -F audio=@clip.wav)");
    }

    /** The stream's bytes, refused with 413 once they pass {@code maxBytes}. */
    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (data.length > maxBytes) {
            throw ApiException.tooLarge(maxBytes);
        }
        return data;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The last path component of a client's file name, printable characters only, at most 255 of them. */
    static String label(String clientName) {
        if (clientName == null || clientName.isBlank()) {
            return "upload";
        }
        String name = clientName.substring(Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_NAME).forEach(clean::appendCodePoint);
        return clean.isEmpty() ? "upload" : clean.toString();
    }
}
