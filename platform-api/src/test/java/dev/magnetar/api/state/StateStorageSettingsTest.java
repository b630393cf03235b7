package dev.magnetar.api.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateStorageSettingsTest {

    @Test
    void withoutAUrlTheMessageNamesTheSettingOrTheKnownReason() {
        assertThat(new StateStorageSettings(" ", null).available()).isFalse();
        assertThat(StateStorageSettings.NONE.unavailableMessage("--state-storage-url"))
                .startsWith("function state is not available")
                .contains("set --state-storage-url to bk://host:port");
        String reason = StateStorageSettings.rocksDbDataDir("/var/magnetar/broker");
        assertThat(new StateStorageSettings(null, reason).unavailableMessage("--state-storage-url"))
                .contains("/var/magnetar/broker").contains("RocksDB").contains("new data directory")
                .doesNotContain("--state-storage-url");
    }

    @Test
    void namesNamespacesAndTablesAsPulsarFunctionsDo() {
        StateScope scope = new StateScope("acme-corp", "ops-eu", "word-count");
        assertThat(scope.storageNamespace()).isEqualTo("acme_corp_ops_eu");
        assertThat(scope.table()).isEqualTo("word-count");
    }
}
