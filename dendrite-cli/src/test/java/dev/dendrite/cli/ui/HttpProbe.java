package dev.dendrite.cli.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request over a plain socket, exactly as written (no client normalises the
 * path, so {@code /../} reaches the server), and reads the whole response.
 *
 * @param status  the status code
 * @param headers the response headers, names in lower case
 * @param body    the body as text
 */
record HttpProbe(int status, Map<String, String> headers, String body) {
    static HttpProbe send(int port, String method, String path, String... extraHeaders) throws IOException {
        return withHost(port, method, path, "127.0.0.1:" + port, extraHeaders);
    }

    /** As {@link #send}, with the given Host header. */
    static HttpProbe withHost(int port, String method, String path, String host, String... extraHeaders)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n");
            for (String header : extraHeaders) {
                request.append(header).append("\r\n");
            }
            if (method.equals("POST") || method.equals("PUT")) {
                request.append("Content-Length: 0\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    private static HttpProbe parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        String[] lines = response.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = response.substring(end + 4);
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new HttpProbe(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
