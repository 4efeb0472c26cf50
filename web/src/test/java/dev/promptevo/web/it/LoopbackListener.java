package dev.promptevo.web.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service on 127.0.0.1 (and ::1 on the same port, where the machine has IPv6) that counts the
 * connections it gets and holds them open without a byte of answer: what a server-side fetch aimed at
 * an internal address would reach, and a black hole that would keep such a fetch waiting.
 */
final class LoopbackListener implements AutoCloseable {
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final List<Socket> accepted = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    LoopbackListener() throws IOException {
        ServerSocket v4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        sockets.add(v4);
        try {
            sockets.add(new ServerSocket(v4.getLocalPort(), 50, InetAddress.getByName("::1")));
        } catch (IOException noIpv6) {
            // [::1] then refuses the connection instead of counting it; the other forms still count.
        }
        sockets.forEach(socket -> Thread.ofVirtual().start(() -> accept(socket)));
    }

    int port() {
        return sockets.getFirst().getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void accept(ServerSocket socket) {
        try {
            while (true) {
                Socket connection = socket.accept();
                connections.incrementAndGet();
                synchronized (accepted) {
                    accepted.add(connection);
                }
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        synchronized (accepted) {
            for (Socket connection : accepted) {
                connection.close();
            }
        }
    }
}
