# The image every function replica runs (chart value controller.runtimeImage). Build from the
# repository root after `mvn -B -DskipTests package`:
#   docker build -f docker/runtime-java.Dockerfile -t magnetar/runtime-java:0.1.0 .
# A function image adds its jar on top, at the path its spec.runtime.jar names:
#   FROM magnetar/runtime-java:0.1.0
#   COPY target/my-function.jar /app/function.jar
FROM eclipse-temurin:17-jre
# The uid/gid the chart's pod security context runs as; no shell login, no home to write to.
RUN groupadd --system --gid 10001 magnetar \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin magnetar \
 && mkdir -p /app
COPY runtime-java/target/lib/ /opt/magnetar/lib/
COPY runtime-java/target/magnetar-runtime.jar /opt/magnetar/magnetar-runtime.jar
USER 10001:10001
# Runs with a read-only root file system: the JVM writes only to /tmp (an emptyDir in the pod).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp"
EXPOSE 9090
ENTRYPOINT ["java", "-jar", "/opt/magnetar/magnetar-runtime.jar"]
