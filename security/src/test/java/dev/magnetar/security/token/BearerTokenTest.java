package dev.magnetar.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    @Test
    void takesTheTokenAfterTheSchemeInAnyCase() throws Exception {
        assertThat(BearerToken.from("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(BearerToken.from("bearer   abc ")).isEqualTo("abc");
    }

    @Test
    void saysWhatIsWrongWithTheHeader() {
        assertThatThrownBy(() -> BearerToken.from(null)).hasMessage(BearerToken.NO_TOKEN);
        assertThatThrownBy(() -> BearerToken.from("Basic dXNlcjpwYXNz")).hasMessageContaining("not a bearer token");
        assertThatThrownBy(() -> BearerToken.from("Bearer   ")).hasMessageContaining("names no token");
        assertThatThrownBy(() -> BearerToken.from("Bear")).hasMessageContaining("not a bearer token");
    }
}
