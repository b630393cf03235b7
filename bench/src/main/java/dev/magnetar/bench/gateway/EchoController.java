package dev.magnetar.bench.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * The HTTP-ALONE endpoint: answers {@code POST /echo} with the body plus "!", on Micronaut's event loop like the
 * gateway's route. Present only in {@link MicronautEchoMain}, which sets {@value #ENABLED}.
 */
@Controller("/echo")
@Requires(property = EchoController.ENABLED, value = "true")
public class EchoController {
    static final String ENABLED = "magnetar.bench.echo.enabled";

    @Post(consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    public byte[] echo(@Nullable @Body byte[] body) {
        byte[] in = body == null ? new byte[0] : body;
        byte[] answer = new byte[in.length + 1];
        System.arraycopy(in, 0, answer, 0, in.length);
        answer[in.length] = '!';
        return answer;
    }
}
