package io.rowfs.protocol.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A blocking TCP connection speaking raw record marking, for tests that send broken bytes. */
public final class RawTcp implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawTcp(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 5000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Read timeout for the following reads. */
    public RawTcp timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code message} as one record and reads one reply record. */
    public byte[] call(byte[] message) throws IOException {
        write(RpcMessages.framed(message));
        return readRecord();
    }

    public byte[] readRecord() throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        boolean last;
        do {
            int h = in.readInt();
            last = h < 0;
            byte[] frag = new byte[h & 0x7FFF_FFFF];
            in.readFully(frag);
            record.write(frag);
        } while (!last);
        return record.toByteArray();
    }

    /** True when the server closed the connection (EOF or reset) within the socket timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever was in flight
            }
            return true;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
