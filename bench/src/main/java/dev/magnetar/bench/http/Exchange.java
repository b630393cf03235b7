package dev.magnetar.bench.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One call: the request to send (its extra headers included) and the caller's future, completed once with the answer or the failure. */
final class Exchange {
    private final String host;
    private final String path;
    private final byte[] body;
    private final String contentType;
    private final Map<String, String> headers;
    private final CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();

    Exchange(String host, String path, byte[] body, String contentType, Map<String, String> headers) {
        this.host = host;
        this.path = path;
        this.body = body;
        this.contentType = contentType;
        this.headers = headers;
    }

    /** A fresh request each time: Netty releases what it writes. */
    FullHttpRequest request() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach(request.headers()::set);
        return request;
    }

    CompletableFuture<HttpAnswer> answer() {
        return answer;
    }

    void complete(HttpAnswer result) {
        answer.complete(result);
    }

    void fail(Throwable error) {
        answer.completeExceptionally(error);
    }
}
