package dev.magnetar.api.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void qualifiesLikeThePulsarClient() {
        assertThat(TopicNames.qualify("t")).isEqualTo("persistent://public/default/t");
        assertThat(TopicNames.qualify("a/b/t")).isEqualTo("persistent://a/b/t");
        assertThat(TopicNames.qualify("non-persistent://a/b/t")).isEqualTo("non-persistent://a/b/t");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThat(TopicNames.problem("persistent://a/b/t")).isNull();
        assertThat(TopicNames.problem("a/b")).contains("'a/b' is not a topic name");
        assertThat(TopicNames.problem("kafka://a/b/c")).contains("domain 'kafka'");
        assertThat(TopicNames.problem("a b")).contains("invalid part 'a b'");
        assertThat(TopicNames.problem(" ")).isEqualTo("must not be empty");
    }
}
