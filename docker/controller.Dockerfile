# The controller (chart value controller.image): the operator application, with the admin API and the
# reconciler. Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f docker/controller.Dockerfile -t magnetar/controller:0.1.0 .
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 magnetar \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin magnetar
COPY operator/target/lib/ /opt/magnetar/lib/
COPY operator/target/magnetar-operator.jar /opt/magnetar/magnetar-operator.jar
# The state backend (BookKeeper's client) for querystate/putstate, loaded in a class loader of its own.
COPY state-bookkeeper/target/lib/ /opt/magnetar/state/lib/
COPY state-bookkeeper/target/magnetar-state-bookkeeper.jar /opt/magnetar/state/magnetar-state-bookkeeper.jar
USER 10001:10001
# Reachable from outside the container, which the application allows only with authentication on
# (MAGNETAR_AUTH_ENABLED=true and a token key, as the chart sets) or MAGNETAR_AUTH_INSECURE_NO_AUTH=true:
# without either it refuses to start and says so.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp" \
    MICRONAUT_SERVER_HOST=0.0.0.0 \
    MAGNETAR_MODE=kubernetes \
    MAGNETAR_DATA_DIR=/tmp/magnetar \
    MAGNETAR_GATEWAY_ENABLED=false \
    MAGNETAR_STATE_BACKEND_JAR=/opt/magnetar/state/magnetar-state-bookkeeper.jar
EXPOSE 7750
ENTRYPOINT ["java", "-jar", "/opt/magnetar/magnetar-operator.jar"]
