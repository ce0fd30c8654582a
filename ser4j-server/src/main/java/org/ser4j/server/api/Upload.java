package org.ser4j.server.api;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The audio of a prediction request: the first file of a {@code multipart/form-data} upload, or the raw body.
 * The size limit is enforced before anything is buffered: a declared Content-Length over the limit is refused
 * at once, and a body without one is read only up to the limit.
 *
 * @param bytes    the file's bytes
 * @param fileName the client's name for it, reduced to a display label (never used as a path)
 */
public record Upload(byte[] bytes, String fileName) {
    private static final int MAX_NAME = 255;

    public static Upload read(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiException.tooLarge(maxBytes);
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        Upload upload = contentType.startsWith("multipart/form-data") ? multipart(ctx, maxBytes) : raw(ctx, maxBytes);
        if (upload.bytes.length == 0) {
            throw new ApiException(400, "missing_audio", "the request carries no audio: send the file as the raw "
                    + "body or as a multipart/form-data file field");
        }
        return upload;
    }

    private static Upload raw(Context ctx, long maxBytes) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw ApiException.tooLarge(maxBytes);
            }
            String name = ctx.queryParam("filename");
            return new Upload(data, label(name == null ? ctx.header("X-File-Name") : name));
        } catch (IOException e) {
            throw new ApiException(400, "bad_body", "the request body could not be read: " + e.getMessage());
        }
    }

    private static Upload multipart(Context ctx, long maxBytes) {
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (Exception e) {
            // Jetty's multipart parser reports an oversized part as IllegalStateException and a malformed body as a
            // (sneakily thrown) IOException.
            String text = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            if (text.contains("exceeds") || text.contains("max")) {
                throw ApiException.tooLarge(maxBytes);
            }
            throw new ApiException(400, "bad_multipart", "the multipart/form-data body is malformed");
        }
        if (files.isEmpty()) {
            throw new ApiException(400, "missing_audio", "the multipart/form-data body has no file field; send the "
                    + "audio as a file field (e.g. curl -F audio=@clip.wav)");
        }
        UploadedFile file = files.get(0);
        if (file.size() > maxBytes) {
            throw ApiException.tooLarge(maxBytes);
        }
        try (InputStream in = file.content()) {
            return new Upload(in.readAllBytes(), label(file.filename()));
        } catch (IOException e) {
            throw new ApiException(400, "bad_body", "the uploaded file could not be read: " + e.getMessage());
        }
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
