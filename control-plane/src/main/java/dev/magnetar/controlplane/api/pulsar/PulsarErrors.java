package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.validation.InvalidFunctionException;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.DocumentException;
import dev.magnetar.controlplane.api.ErrorResponse;
import dev.magnetar.controlplane.packages.PackageException;
import dev.magnetar.controlplane.packages.PackageNotFoundException;
import dev.magnetar.controlplane.packages.PackageTooLargeException;
import dev.magnetar.controlplane.service.DeploymentException;
import dev.magnetar.controlplane.service.FunctionExistsException;
import dev.magnetar.controlplane.service.FunctionNotFoundException;
import dev.magnetar.controlplane.service.InstanceActionRefusedException;
import dev.magnetar.controlplane.service.InstanceNotFoundException;
import dev.magnetar.gateway.reply.ReplyTimeoutException;
import dev.magnetar.gateway.reply.TooManyPendingRequestsException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.stream.Collectors;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exceptions as Pulsar's workers answer them: a status code and {@code {"reason": "..."}}. */
final class PulsarErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PulsarErrors.class);

    private PulsarErrors() {
    }

    static HttpResponse<ErrorResponse> of(Throwable error) {
        if (error instanceof PackageTooLargeException) {
            return reply(HttpStatus.REQUEST_ENTITY_TOO_LARGE, error.getMessage());
        }
        if (error instanceof PackageNotFoundException) {
            return reply(HttpStatus.NOT_FOUND, error.getMessage());
        }
        if (error instanceof PulsarConfigException || error instanceof PackageException
                || error instanceof DocumentException) {
            return reply(HttpStatus.BAD_REQUEST, error.getMessage());
        }
        if (error instanceof InvalidFunctionException invalid) {
            return reply(HttpStatus.BAD_REQUEST, "invalid function config: " + invalid.violations().stream()
                    .map(Violation::toString).collect(Collectors.joining("; ")));
        }
        if (error instanceof FunctionNotFoundException || error instanceof InstanceNotFoundException) {
            return reply(HttpStatus.NOT_FOUND, error.getMessage());
        }
        if (error instanceof FunctionExistsException) {
            return reply(HttpStatus.CONFLICT, error.getMessage());
        }
        if (error instanceof ReplyTimeoutException) {
            return reply(HttpStatus.REQUEST_TIMEOUT, error.getMessage());
        }
        if (error instanceof DeploymentException || error instanceof TooManyPendingRequestsException) {
            return reply(HttpStatus.SERVICE_UNAVAILABLE, error.getMessage() + "; nothing was changed, try again");
        }
        if (error instanceof InstanceActionRefusedException) {
            return reply(HttpStatus.BAD_REQUEST, error.getMessage());
        }
        LOG.error("Pulsar Functions API request failed", error);
        return reply(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + error
                + "; see the control plane's log");
    }

    /** The cluster's own answer to a call passed on to it, or 503 when it gave none. */
    static HttpResponse<ErrorResponse> fromCluster(PulsarAdminException error) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (error.getStatusCode() < 100) {
            LOG.warn("The cluster did not answer a call passed on to it: {}", reason);
            return reply(HttpStatus.SERVICE_UNAVAILABLE, "the cluster did not answer: " + reason
                    + "; check that its brokers run, and try again");
        }
        HttpStatus status;
        try {
            status = HttpStatus.valueOf(error.getStatusCode());
        } catch (IllegalArgumentException unknown) {
            status = HttpStatus.BAD_GATEWAY;
        }
        return reply(status, reason);
    }

    private static HttpResponse<ErrorResponse> reply(HttpStatus status, String reason) {
        return HttpResponse.<ErrorResponse>status(status).body(new ErrorResponse(reason));
    }
}
