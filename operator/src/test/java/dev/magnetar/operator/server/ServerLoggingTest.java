package dev.magnetar.operator.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;

/** The controller's and gateway's log configuration never writes the platform's Pulsar token. */
class ServerLoggingTest {

    @Test
    void pulsarsHttpRequestDumpStaysOffWhenPulsarsLoggingIsTurnedUp() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource(ServerMain.SERVER_LOGGING));

        context.getLogger("org.apache.pulsar").setLevel(Level.DEBUG);

        assertThat(context.getLogger("org.apache.pulsar.shade.org.asynchttpclient.netty.handler.HttpHandler")
                .isDebugEnabled()).as("it logs each request's headers, the bearer token among them").isFalse();
        context.stop();
    }
}
