# The node reporter for compute nodes that run containers. It reads the host's /proc and /sys,
# so run it with the host's PID and network namespaces and those mounted read-only, e.g.
#   docker run -d --name pxeflow-reporter --pid host --network host --read-only \
#     -v /proc:/host/proc:ro -v /sys:/host/sys:ro -v /:/host/root:ro \
#     -v /etc/pxeflow/reporter.properties:/etc/pxeflow/reporter.properties:ro pxeflow/reporter:0.1.0
# (a systemd unit, deploy/systemd/pxeflow-reporter.service, is the usual way; this is the other.)
# Build from the repository root after `./mvnw -B -pl node-reporter -am package -DskipTests`:
#   docker build -f deploy/docker/reporter.Dockerfile -t pxeflow/reporter:0.1.0 .
FROM eclipse-temurin:17-jre
# The footprint launcher, as on a compute node without containers: small heap, interpreter
# only, a class-data archive (docs/benchmarks.md). It finds the jar in ../lib.
COPY node-reporter/target/pxeflow-node-reporter-*-standalone.jar /opt/pxeflow/lib/pxeflow-reporter.jar
COPY node-reporter/bin/pxeflow-reporter /opt/pxeflow/bin/pxeflow-reporter
# The archive is built here, once: a read-only container could not write it at start.
ENV PXEFLOW_REPORTER_CDS=/opt/pxeflow/lib/reporter.jsa
RUN /opt/pxeflow/bin/pxeflow-reporter --version
USER 65534:65534
ENTRYPOINT ["/opt/pxeflow/bin/pxeflow-reporter"]
CMD ["--config", "/etc/pxeflow/reporter.properties", "--root", "/host"]
