package io.beacon.gateway.upload;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.upload.value.UploadId;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;

/**
 * The uploaded files, kept in the store (GridFS bucket {@value #BUCKET}: {@code upload_files.files} and
 * {@code upload_files.chunks}, the layout MongoDB's tools know) from their receipt until their upload
 * finishes, so an upload resumes after a crash. A file is written through the driver's GridFS stream in
 * 1 MiB chunks and read back chunk by chunk, each a lookup by {@code (files_id, n)}: the unique index the
 * embedded store uses too (the driver's own download stream sorts by {@code n}, which the embedded store
 * does by loading every chunk of the file into memory).
 */
@Component
class UploadFiles {

    static final String BUCKET = "upload_files";
    static final int CHUNK_BYTES = 1 << 20;

    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final MongoCollection<Document> chunks;

    UploadFiles(MongoTemplate mongo) {
        MongoDatabase database = mongo.getDb();
        this.bucket = GridFSBuckets.create(database, BUCKET);
        this.files = database.getCollection(BUCKET + ".files");
        this.chunks = database.getCollection(BUCKET + ".chunks");
        chunks.createIndex(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true));
    }

    /**
     * Stores the body as the upload's file and answers its size; {@code payload_too_large} past
     * {@code maxBytes} (nothing is kept then). Nothing of a failed receipt is kept either.
     */
    long store(UploadId id, String fileName, InputStream body, long maxBytes) throws IOException {
        GridFSUploadStream out = bucket.openUploadStream(new BsonString(id.value()),
                fileName == null ? id.value() : fileName,
                new GridFSUploadOptions().chunkSizeBytes(CHUNK_BYTES).metadata(new Document("upload_id", id.value())));
        long size = 0;
        try {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = body.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw new BeaconException(ErrorCode.PAYLOAD_TOO_LARGE,
                            "the file is larger than the limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, read);
            }
            out.close();
            return size;
        } catch (IOException | RuntimeException e) {
            // Not out.abort(): it deletes by files_id alone, a scan of every stored chunk on the embedded store.
            delete(id);
            throw e;
        }
    }

    /** The stored file, read chunk by chunk. */
    InputStream open(UploadId id) {
        Document file = files.find(new Document("_id", id.value())).first();
        if (file == null) {
            throw new IllegalStateException("the file of upload " + id + " is not in the store");
        }
        return new Chunks(id.value(), ((Number) file.get("length")).longValue());
    }

    /**
     * Removes the file, chunk by chunk (each a unique-key lookup), then its description: every chunk its length
     * covers, so a deletion cut short by a crash is finished the next time; without a description (a receipt cut
     * short), the chunks from 0 until the first missing one.
     */
    void delete(UploadId id) {
        Document file = files.find(new Document("_id", id.value())).first();
        if (file != null) {
            long length = ((Number) file.get("length")).longValue();
            int size = ((Number) file.get("chunkSize")).intValue();
            long count = (length + size - 1) / size;
            for (int n = 0; n < count; n++) {
                chunks.deleteOne(new Document("files_id", id.value()).append("n", n));
            }
        } else {
            for (int n = 0; chunks.deleteOne(new Document("files_id", id.value()).append("n", n)).getDeletedCount() > 0; n++) {
                // the chunks written before the receipt stopped are numbered from 0 without gaps
            }
        }
        files.deleteOne(new Document("_id", id.value()));
    }

    private final class Chunks extends InputStream {

        private final String fileId;
        private final long length;
        private byte[] chunk = new byte[0];
        private int inChunk;
        private int next;
        private long read;

        Chunks(String fileId, long length) {
            this.fileId = fileId;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (inChunk == chunk.length) {
                if (read >= length) {
                    return -1;
                }
                Document found = chunks.find(new Document("files_id", fileId).append("n", next)).first();
                if (found == null) {
                    throw new IOException("chunk " + next + " of upload file " + fileId + " is missing");
                }
                chunk = found.get("data", Binary.class).getData();
                inChunk = 0;
                next++;
                if (chunk.length == 0) {
                    throw new IOException("chunk " + (next - 1) + " of upload file " + fileId + " is empty");
                }
            }
            int n = Math.min(count, chunk.length - inChunk);
            System.arraycopy(chunk, inChunk, into, offset, n);
            inChunk += n;
            read += n;
            return n;
        }
    }
}
