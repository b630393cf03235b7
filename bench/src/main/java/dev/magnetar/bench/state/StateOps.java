package dev.magnetar.bench.state;

import dev.magnetar.api.state.FunctionStateStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.apache.bookkeeper.api.kv.Table;

/** The three operations measured, synchronously, through one of the two clients. */
interface StateOps {
    void increment(String key);

    void put(String key, byte[] value);

    void get(String key);

    long counter(String key);

    /** Through Magnetar's state interface, as a replica's Context uses it. */
    static StateOps magnetar(FunctionStateStore store) {
        return new StateOps() {
            @Override
            public void increment(String key) {
                store.increment(key, 1).join();
            }

            @Override
            public void put(String key, byte[] value) {
                store.put(key, value).join();
            }

            @Override
            public void get(String key) {
                store.get(key).join();
            }

            @Override
            public long counter(String key) {
                return store.counter(key).join();
            }
        };
    }

    /** BookKeeper's table client directly, as Pulsar's own state store uses it. */
    static StateOps direct(Table<ByteBuf, ByteBuf> table) {
        return new StateOps() {
            @Override
            public void increment(String key) {
                table.increment(buf(key), 1).join();
            }

            @Override
            public void put(String key, byte[] value) {
                table.put(buf(key), Unpooled.wrappedBuffer(value)).join();
            }

            @Override
            public void get(String key) {
                ByteBuf value = table.get(buf(key)).join();
                if (value != null) {
                    value.release();
                }
            }

            @Override
            public long counter(String key) {
                Long value = table.getNumber(buf(key)).join();
                return value == null ? 0 : value;
            }

            private ByteBuf buf(String key) {
                return Unpooled.wrappedBuffer(key.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
