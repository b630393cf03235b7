package dev.magnetar.runtime.context;

import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.functions.api.Context;

/**
 * The parts of {@link Context} this runtime does not offer yet. Each throws an
 * {@link UnsupportedOperationException} that names the method, so a function fails with a
 * message that says what to change rather than with a null.
 */
abstract class StatelessContext extends StatefulContext {

    static UnsupportedOperationException unsupported(String method, String instead) {
        return new UnsupportedOperationException("Context." + method + " is not supported by the Magnetar runtime yet: "
                + instead);
    }

    @Override
    public PulsarAdmin getPulsarAdmin() {
        throw unsupported("getPulsarAdmin", "functions get no admin rights; use getPulsarClient for messaging");
    }

    @Override
    public org.apache.pulsar.client.api.ClientBuilder getPulsarClientBuilder() {
        throw unsupported("getPulsarClientBuilder", "use getPulsarClient, the replica's own client");
    }
}
