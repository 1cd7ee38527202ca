package dev.feedbackloop.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes UTF-8 strictly but keeps going: each malformed byte sequence is remembered with its line
 * and passed on as U+FFFD, so a parser reading through it can finish and the records on those lines
 * can be rejected by line ({@link #invalidIn}). A byte order mark at the start is dropped.
 * Not thread-safe.
 */
final class CheckedUtf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
    private final TreeMap<Long, String> invalid = new TreeMap<>();
    private boolean eof;
    private boolean started;
    private int scanned;
    private long line = 1;
    private long bytesRead;

    CheckedUtf8Reader(InputStream in) {
        this.in = in;
    }

    /** The first invalid UTF-8 found on lines [from, to], as a message; null when there is none. Forgets lines before {@code from}. */
    String invalidIn(long from, long to) {
        invalid.headMap(from).clear();
        Map.Entry<Long, String> first = invalid.ceilingEntry(from);
        return first == null || first.getKey() > to ? null : first.getValue();
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        while (!chars.hasRemaining()) {
            if (eof && !bytes.hasRemaining()) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    private void decodeMore() throws IOException {
        if (!eof) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
                bytesRead += n;
            }
            bytes.flip();
            skipByteOrderMark();
        }
        chars.clear();
        scanned = 0;
        while (true) {
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                countLines();
                invalid.putIfAbsent(line, "invalid UTF-8 on line " + line + ": " + hex(r.length())
                        + " is not a valid character");
                bytes.position(bytes.position() + r.length());
                if (!chars.hasRemaining()) {
                    break;
                }
                chars.put('\uFFFD');
                continue;
            }
            break;
        }
        countLines();
        chars.flip();
    }

    /** Counts the line breaks decoded since the last call (chars is in write mode). */
    private void countLines() {
        for (int i = scanned; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
        scanned = chars.position();
    }

    private String hex(int length) {
        StringBuilder sb = new StringBuilder("byte");
        sb.append(length > 1 ? "s" : "");
        for (int i = 0; i < length; i++) {
            sb.append(String.format(" 0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        return sb.toString();
    }

    private void skipByteOrderMark() {
        if (started || (bytes.remaining() < 3 && !eof)) {
            return;
        }
        started = true;
        if (bytes.remaining() >= 3 && bytes.get(0) == (byte) 0xEF && bytes.get(1) == (byte) 0xBB
                && bytes.get(2) == (byte) 0xBF) {
            bytes.position(3);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
