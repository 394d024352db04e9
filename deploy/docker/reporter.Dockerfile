# The node reporter for compute nodes that run containers. It reads the host's /proc and /sys,
# so run it with the host's PID and network namespaces and those mounted read-only, e.g.
#   docker run -d --name pxeflow-reporter --pid host --network host --read-only \
#     -v /proc:/host/proc:ro -v /sys:/host/sys:ro -v /:/host/root:ro \
#     -v /etc/pxeflow/reporter.properties:/etc/pxeflow/reporter.properties:ro pxeflow/reporter:0.1.0
# (a systemd unit, deploy/systemd/pxeflow-reporter.service, is the usual way; this is the other.)
# Build from the repository root after `./mvnw -B -pl node-reporter -am package -DskipTests`:
#   docker build -f deploy/docker/reporter.Dockerfile -t pxeflow/reporter:0.1.0 .
FROM eclipse-temurin:17-jre
COPY node-reporter/target/pxeflow-node-reporter-*-standalone.jar /opt/pxeflow/pxeflow-reporter.jar
USER 65534:65534
# The reporter's heap is small and bounded (docs/benchmarks.md); keep the container's the same.
ENV JAVA_TOOL_OPTIONS="-Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k"
ENTRYPOINT ["java", "-jar", "/opt/pxeflow/pxeflow-reporter.jar"]
CMD ["--config", "/etc/pxeflow/reporter.properties", "--root", "/host"]
