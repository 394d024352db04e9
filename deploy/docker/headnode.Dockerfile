# The head-node image: controller, generator, bridge and the all-in-one, one jar and its lib/.
# Build from the repository root after `./mvnw -B package -DskipTests`:
#   docker build -f deploy/docker/headnode.Dockerfile -t pxeflow/headnode:0.1.0 .
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 pxeflow \
 && useradd --system --uid 10001 --gid pxeflow --home-dir /var/lib/pxeflow --shell /usr/sbin/nologin pxeflow \
 && install -d -o pxeflow -g pxeflow /var/lib/pxeflow /var/lib/pxeflow/generated /var/spool/pxeflow
COPY headnode/target/lib/ /opt/pxeflow/lib/
COPY headnode/target/pxeflow-headnode.jar /opt/pxeflow/pxeflow-headnode.jar
COPY examples/cluster.conf /opt/pxeflow/examples/cluster.conf
USER pxeflow
WORKDIR /var/lib/pxeflow
# Container-aware heap: the compose file sets memory limits per service.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 9102
ENTRYPOINT ["java", "-jar", "/opt/pxeflow/pxeflow-headnode.jar"]
CMD ["--help"]
