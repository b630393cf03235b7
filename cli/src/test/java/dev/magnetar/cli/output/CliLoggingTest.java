package dev.magnetar.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;

/** The CLI's log configuration (the terminal and standalone's control-plane.log) never writes a Pulsar token. */
class CliLoggingTest {

    @Test
    void pulsarsHttpRequestDumpStaysOffWhenPulsarsLoggingIsTurnedUp() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));

        context.getLogger("org.apache.pulsar").setLevel(Level.DEBUG);

        assertThat(context.getLogger("org.apache.pulsar.shade.org.asynchttpclient.netty.handler.HttpHandler")
                .isDebugEnabled()).as("it logs each request's headers, the bearer token among them").isFalse();
        context.stop();
    }
}
