package dev.magnetar.runtime.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.LoggerFactory;

/**
 * Publishes every line the function logs through its Context logger to the function's log topic,
 * as Pulsar's {@code --log-topic} does: the message is the log line, with properties for the level,
 * the function and the instance. Sends are asynchronous and never block or fail the function; a
 * line the broker does not take is counted and dropped.
 */
public final class LogTopicAppender extends AppenderBase<ILoggingEvent> {
    public static final String LEVEL = "loglevel";
    public static final String FUNCTION = "fqfn";
    public static final String INSTANCE = "instance";

    private final Producer<byte[]> producer;
    private final String fqfn;
    private final String instanceId;
    private final AtomicLong dropped = new AtomicLong();
    private Logger attachedTo;

    private LogTopicAppender(Producer<byte[]> producer, String fqfn, int instanceId) {
        this.producer = producer;
        this.fqfn = fqfn;
        this.instanceId = Integer.toString(instanceId);
    }

    /** Creates the producer and attaches to the logger named {@code loggerName} (the function's). */
    public static LogTopicAppender attach(PulsarClient client, String topic, String loggerName, String fqfn,
                                          int instanceId) throws PulsarClientException {
        Producer<byte[]> producer;
        try {
            producer = client.newProducer().topic(topic).blockIfQueueFull(false)
                    .sendTimeout(30, TimeUnit.SECONDS).create();
        } catch (PulsarClientException e) {
            throw new PulsarClientException("cannot publish to the log topic " + topic + " (spec.logTopic of " + fqfn
                    + "): " + e.getMessage() + "; check that its namespace exists, or change spec.logTopic");
        }
        LogTopicAppender appender = new LogTopicAppender(producer, fqfn, instanceId);
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.setContext(logger.getLoggerContext());
        appender.setName("log-topic");
        appender.start();
        logger.addAppender(appender);
        appender.attachedTo = logger;
        return appender;
    }

    @Override
    protected void append(ILoggingEvent event) {
        producer.newMessage()
                .value(line(event).getBytes(StandardCharsets.UTF_8))
                .property(LEVEL, event.getLevel().toString())
                .property(FUNCTION, fqfn)
                .property(INSTANCE, instanceId)
                .sendAsync()
                .exceptionally(e -> {
                    dropped.incrementAndGet();
                    return null;
                });
    }

    /** The formatted message, and the exception's type and message when one was logged. */
    static String line(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        String message = event.getFormattedMessage();
        return thrown == null ? message : message + ": " + thrown.getClassName() + ": " + thrown.getMessage();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Detaches, then sends what is queued and closes the producer. */
    @Override
    public void stop() {
        if (attachedTo != null) {
            attachedTo.detachAppender(this);
        }
        super.stop();
        try {
            producer.flush();
            producer.close();
        } catch (PulsarClientException e) {
            LoggerFactory.getLogger(LogTopicAppender.class).warn("Could not flush the log topic producer: {}", e.toString());
        }
    }
}
