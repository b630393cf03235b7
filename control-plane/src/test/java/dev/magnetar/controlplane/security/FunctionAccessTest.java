package dev.magnetar.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When Pulsar cannot be asked, nobody but a superuser gets in: the answer is 503, never an allowance. */
class FunctionAccessTest {
    private final PulsarAdmin unreachable = unreachableAdmin();
    private final FunctionAccess access = new FunctionAccess(new PulsarPermissions(unreachable, Duration.ofSeconds(10)));

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    void failsClosedWhenPulsarDoesNotAnswer() throws Exception {
        Caller developer = new Caller("dev", false);

        AccessDecision manage = access.manage(developer, "acme", "fns").get(30, TimeUnit.SECONDS);
        AccessDecision produce = access.produce(developer, "acme", "fns", "acme/fns/f", "persistent://acme/fns/in")
                .get(30, TimeUnit.SECONDS);

        assertThat((Object) manage.refusal()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(manage.reason()).contains("manage functions in acme/fns", "try again");
        assertThat((Object) produce.refusal()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(produce.reason()).contains("call function acme/fns/f");
    }

    @Test
    void aSuperuserNeedsNoLookUp() throws Exception {
        Caller admin = new Caller("admin", true);

        assertThat(access.manage(admin, "acme", "fns").get(30, TimeUnit.SECONDS).allowed()).isTrue();
        assertThat(access.produce(admin, "acme", "fns", "acme/fns/f", null).get(30, TimeUnit.SECONDS).allowed()).isTrue();
    }

    private static PulsarAdmin unreachableAdmin() {
        try {
            // Port 1 on loopback: nothing listens, so every request is refused at once.
            return PulsarAdmin.builder().serviceHttpUrl("http://127.0.0.1:1")
                    .connectionTimeout(2, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS)
                    .requestTimeout(5, TimeUnit.SECONDS).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
