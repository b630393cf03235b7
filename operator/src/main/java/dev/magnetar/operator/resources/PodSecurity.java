package dev.magnetar.operator.resources;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The "restricted" Pod Security Standard for replica pods: non-root (uid {@value #RUNTIME_UID}, as
 * the runtime image declares), no privilege escalation, every capability dropped, RuntimeDefault
 * seccomp, read-only root file system with a writable emptyDir on /tmp.
 */
public final class PodSecurity {
    public static final long RUNTIME_UID = 10001;
    public static final String TMP_VOLUME = "tmp";
    public static final String TMP_PATH = "/tmp";
    private static final String RUNTIME_DEFAULT = "RuntimeDefault";

    private PodSecurity() {
    }

    public static PodSecurityContext pod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUNTIME_UID)
                .withRunAsGroup(RUNTIME_UID)
                .withFsGroup(RUNTIME_UID)
                .withNewSeccompProfile().withType(RUNTIME_DEFAULT).endSeccompProfile()
                .build();
    }

    public static SecurityContext container() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType(RUNTIME_DEFAULT).endSeccompProfile()
                .build();
    }

    public static Volume tmpVolume() {
        return new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build();
    }

    public static VolumeMount tmpMount() {
        return new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath(TMP_PATH).build();
    }
}
