package dev.magnetar.gateway.reply;

/** The gateway's connection to the broker is lost for now; the Pulsar client reconnects by itself. */
public class BrokerDisconnectedException extends RuntimeException {
    public BrokerDisconnectedException(String what) {
        super(what + " is not connected to the broker: the gateway reconnects by itself, retry shortly");
    }
}
