package dev.feedbackloop.transfer;

import dev.feedbackloop.FeedbackLoopException;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Imports a feedback file (format by extension, see {@link FileFormat}) in one transaction,
 * streaming: memory does not grow with the file. Idempotent by {@code feedback_id}: a record whose id
 * is stored with the same content changes nothing; with different content it is a bad record.
 * Every bad record is reported with its line. Unless {@link ImportOptions#skipInvalid()}, one bad
 * record means nothing is stored. With {@link ImportOptions#bulk()} the transaction is a bulk one
 * ({@link FeedbackStore#openBulkBatch()}: faster, others that open the database meanwhile wait for it).
 * Thread-safe (each call has its own transaction).
 */
public final class FeedbackImporter {
    private final FeedbackStore store;

    public FeedbackImporter(FeedbackStore store) {
        this.store = store;
    }

    /**
     * @param progress told the bytes of the file read so far, and the file size
     * @throws InvalidInputException when the file is missing, of an unknown format, or unusable as a whole
     * @throws FeedbackLoopException when the file cannot be read (nothing is stored)
     * @throws dev.feedbackloop.StorageException when the database fails (nothing is stored)
     */
    public ImportResult importFile(Path file, ImportOptions options, Progress progress) {
        FileFormat format = FileFormat.of(file);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("no such file: " + file);
        }
        long started = System.nanoTime();
        try {
            long size = Files.size(file);
            try (Prefetcher records = new Prefetcher(RecordReader.open(file, format, options));
                 BatchWriter batch = options.bulk() ? store.openBulkBatch() : store.openBatch()) {
                Tally tally = new Tally();
                for (List<ParsedRecord> chunk = records.next(); !chunk.isEmpty(); chunk = records.next()) {
                    tally.add(chunk, batch);
                    progress.update(records.bytesRead(), size);
                }
                boolean commit = tally.errors.isEmpty() || options.skipInvalid();
                if (commit) {
                    batch.commit();
                }
                progress.update(size, size);
                return new ImportResult(tally.read, commit ? tally.inserted : 0, commit ? tally.unchanged : 0,
                        tally.errors.size(), tally.errors, commit, size, Duration.ofNanos(System.nanoTime() - started));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new FeedbackLoopException("cannot read " + file + ": " + e.getMessage() + " (nothing was stored)", e);
        }
    }

    private static final class Tally {
        final List<RecordError> errors = new ArrayList<>();
        long read;
        long inserted;
        long unchanged;

        /** Stores the good records of a chunk with one batch and counts what happened to each record. */
        void add(List<ParsedRecord> chunk, BatchWriter batch) {
            List<RecordError> chunkErrors = new ArrayList<>();
            List<ParsedRecord> good = new ArrayList<>(chunk.size());
            List<EntryRow> rows = new ArrayList<>(chunk.size());
            for (ParsedRecord r : chunk) {
                read++;
                if (r.error() != null) {
                    chunkErrors.add(r.toError());
                } else {
                    good.add(r);
                    rows.add(r.row());
                }
            }
            List<InsertResult> results = batch.addAll(rows);
            for (int i = 0; i < results.size(); i++) {
                switch (results.get(i)) {
                    case INSERTED:
                        inserted++;
                        break;
                    case UNCHANGED:
                        unchanged++;
                        break;
                    default:
                        ParsedRecord r = good.get(i);
                        chunkErrors.add(new RecordError(r.line(), r.record(), "feedback_id " + r.row().entry().feedbackId()
                                + " already exists with different content (stored before, or earlier in this file)"));
                }
            }
            chunkErrors.sort(Comparator.comparingLong(RecordError::line));
            errors.addAll(chunkErrors);
        }
    }
}
