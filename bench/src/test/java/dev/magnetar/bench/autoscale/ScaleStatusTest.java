package dev.magnetar.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScaleStatusTest {

    @Test
    void readsInstancesReadinessBacklogAndTheAutoscalersView() {
        ScaleStatus status = ScaleStatus.parse("""
                {"numInstances":3,"numRunning":2,"instances":[
                  {"instanceId":0,"state":"RUNNING","pid":101,"restarts":0,"ready":true,"httpPort":0},
                  {"instanceId":1,"state":"RUNNING","pid":102,"restarts":0,"ready":false,"httpPort":0}],
                 "backlog":41000,"autoscaling":{"desiredReplicas":4,"idle":false,
                 "lastScale":{"from":1,"to":4,"reason":"backlog","time":"t"}}}""");

        assertThat(status).isEqualTo(new ScaleStatus(3, 2, 1, 41_000, 4, false, java.util.List.of(101L, 102L)));
        assertThat(status.replicasSeen()).isEqualTo(4);
        assertThat(status.atZero()).isFalse();
    }

    @Test
    void aFunctionTheAutoscalerDoesNotScaleWantsWhatItRuns() {
        ScaleStatus status = ScaleStatus.parse("{\"numInstances\":4,\"numRunning\":4,\"instances\":[],\"backlog\":0}");

        assertThat(status.desiredReplicas()).isEqualTo(4);
        assertThat(status.idle()).isFalse();
    }

    @Test
    void idleWithNoInstanceListedIsAtZero() {
        ScaleStatus status = ScaleStatus.parse("""
                {"numInstances":0,"numRunning":0,"instances":[],"backlog":0,
                 "autoscaling":{"desiredReplicas":0,"idle":true}}""");

        assertThat(status.atZero()).isTrue();
    }

    @Test
    void idleButWithAReplicaStillListedIsNotAtZero() {
        ScaleStatus status = ScaleStatus.parse("""
                {"numInstances":0,"numRunning":0,"instances":[{"instanceId":0,"pid":7,"ready":false}],"backlog":0,
                 "autoscaling":{"desiredReplicas":0,"idle":true}}""");

        assertThat(status.atZero()).isFalse();
    }

    @Test
    void anAnswerThatIsNotJsonSaysWhatItWas() {
        assertThatThrownBy(() -> ScaleStatus.parse("<html>502</html>"))
                .hasMessageContaining("not JSON").hasMessageContaining("<html>502</html>");
    }
}
