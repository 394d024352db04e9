# dnsmasq for the compose head node: DHCP + TFTP on the cluster network (host networking),
# configured from the generator's output and reporting to the bridge through the hook spool.
#   docker build -f deploy/docker/dnsmasq.Dockerfile -t pxeflow/dnsmasq:0.1.0 .
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends dnsmasq pxelinux syslinux-common \
 && rm -rf /var/lib/apt/lists/* \
 && install -d /srv/tftp && cp /usr/lib/PXELINUX/pxelinux.0 /usr/lib/syslinux/modules/bios/ldlinux.c32 /srv/tftp/
COPY bridge/bin/pxeflow-dnsmasq-hook /usr/local/bin/pxeflow-dnsmasq-hook
COPY deploy/compose/dnsmasq.conf /etc/dnsmasq.d/pxeflow-base.conf
ENTRYPOINT ["dnsmasq", "--keep-in-foreground", "--conf-dir=/etc/dnsmasq.d,*.conf", "--pid-file=/run/dnsmasq/dnsmasq.pid"]
