package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.storage.EntryRow;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY feedback FROM STDIN} kept open across the chunks of an import, so that PostgreSQL
 * stores a chunk while the importer parses the next (a COPY per chunk waits for each chunk to be
 * stored before the next is sent). Rows sent are only known stored when {@link #end()} returns; a
 * failure of any of them (a NUL in a text, a duplicate id) fails the whole stream, so a chunk is
 * sent only when none of its ids can be stored already: not committed ({@link #storedAny}, asked on
 * a second connection, which sees every committed row; no other writer commits feedback meanwhile,
 * since only a bulk writer streams, under the exclusive turn; not asked at all when no row was
 * committed when the stream began) and not written earlier in this transaction, streamed or not
 * ({@link #written}: a set of the ids' 64-bit hashes; a collision only sends a chunk the slow, exact
 * way). Not thread-safe.
 */
final class PgCopyStream {
    private final Connection connection;
    private final PgConnections pool;
    private Connection lookup;
    private CopyIn copy;
    private final LongSet sent = new LongSet();
    private StringBuilder text;
    /** Whether the table held no committed row when first asked (then none can be committed during the exclusive turn). */
    private Boolean noneCommitted;

    PgCopyStream(Connection connection, PgConnections pool) {
        this.connection = connection;
        this.pool = pool;
    }

    /**
     * Sends the chunk when none of its ids may be stored already (see the class comment); false,
     * with nothing sent, when one may: the caller ends the stream and stores the chunk exactly.
     */
    boolean offer(List<EntryRow> rows) throws SQLException {
        long[] hashes = new long[rows.size()];
        String[] ids = new String[rows.size()];
        LongSet chunk = new LongSet();
        for (int i = 0; i < hashes.length; i++) {
            ids[i] = rows.get(i).entry().feedbackId();
            hashes[i] = hash(ids[i]);
            if (sent.contains(hashes[i]) || !chunk.add(hashes[i])) {
                return false;
            }
        }
        if (storedAny(ids)) {
            return false;
        }
        if (text == null) {
            text = new StringBuilder(1 << 20);
        }
        text.setLength(0);
        PgCopy.append(text, rows);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY feedback (" + PgRows.INSERT_COLUMNS + ") FROM STDIN");
        }
        copy.writeToCopy(bytes, 0, bytes.length);
        for (long h : hashes) {
            sent.add(h);
        }
        return true;
    }

    /** Waits until every row sent is stored (or throws the failure of the stream); then the connection is free. */
    void end() throws SQLException {
        if (copy != null) {
            CopyIn c = copy;
            copy = null;
            c.endCopy();
        }
    }

    /** Abandons the rows sent (the transaction is rolled back next) and returns the second connection. */
    void close() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back (or the connection discarded) next
        }
        copy = null;
        if (lookup != null) {
            try {
                lookup.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
            lookup = null;
        }
    }

    /** Records the ids of rows written to this transaction another way (they may be stored now). */
    void written(List<EntryRow> rows) {
        for (EntryRow row : rows) {
            sent.add(hash(row.entry().feedbackId()));
        }
    }

    private boolean storedAny(String[] ids) throws SQLException {
        if (lookup == null) {
            lookup = pool.borrow();
            lookup.setAutoCommit(true);
            noneCommitted = PgRows.number(lookup, "SELECT count(*) FROM (SELECT 1 FROM feedback LIMIT 1) t") == 0;
        }
        if (noneCommitted) {
            return false;
        }
        return PgRows.number(lookup, "SELECT count(*) FROM feedback WHERE feedback_id = ANY(?)", (Object) ids) > 0;
    }

    /** FNV-1a over the UTF-16 units: 64 bits, so that a collision among millions of ids is rare. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** An open-addressing set of longs (0 stands for "empty", so 0 is stored as 1: only a coarser hash). */
    static final class LongSet {
        private long[] slots = new long[16];
        private int size;

        boolean contains(long v) {
            long k = v == 0 ? 1 : v;
            for (int i = index(k); ; i = (i + 1) & (slots.length - 1)) {
                if (slots[i] == 0) {
                    return false;
                }
                if (slots[i] == k) {
                    return true;
                }
            }
        }

        /** False when it was there already. */
        boolean add(long v) {
            long k = v == 0 ? 1 : v;
            if (size * 2 >= slots.length) {
                grow();
            }
            for (int i = index(k); ; i = (i + 1) & (slots.length - 1)) {
                if (slots[i] == 0) {
                    slots[i] = k;
                    size++;
                    return true;
                }
                if (slots[i] == k) {
                    return false;
                }
            }
        }

        private int index(long k) {
            return (int) (Long.rotateLeft(k * 0x9E3779B97F4A7C15L, 32)) & (slots.length - 1);
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long k : old) {
                if (k != 0) {
                    add(k);
                }
            }
        }
    }
}
