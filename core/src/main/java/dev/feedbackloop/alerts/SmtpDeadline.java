package dev.feedbackloop.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * The sockets of one SMTP exchange (given to Jakarta Mail as its socket factory), closed when the
 * deadline passes: the read timeout bounds each read, not a server that trickles lines just inside it.
 * Closing the plain socket also ends a TLS session layered over it. Thread-safe.
 */
final class SmtpDeadline extends SocketFactory implements AutoCloseable {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-deadline");
        t.setDaemon(true);
        return t;
    });

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> alarm;
    private volatile boolean expired;

    SmtpDeadline(Duration after) {
        this.alarm = WATCHDOG.schedule(this::expire, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once the deadline passed (and the sockets were closed). */
    boolean expired() {
        return expired;
    }

    private void expire() {
        expired = true;
        sockets.forEach(SmtpDeadline::closeQuietly);
    }

    private Socket track(Socket s) {
        sockets.add(s);
        if (expired) {
            closeQuietly(s);
        }
        return s;
    }

    @Override
    public Socket createSocket() {
        return track(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return track(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return track(new Socket(address, port, localAddress, localPort));
    }

    @Override
    public void close() {
        alarm.cancel(false);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }
}
