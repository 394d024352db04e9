#!/bin/sh
# pxeflow's install-time setup, shared by the .deb's postinst and the RPM's %post (both run it
# as root after the files are in place; it is safe to run again on every upgrade):
#   * the system user and group `pxeflow` the units run as;
#   * /var/lib/pxeflow (state: the broker's data, the controller's cache, generated files);
#   * the API tokens /etc/pxeflow/admin.token and read.token, made once, 0640 root:pxeflow from
#     their creation, and empty root-only Kafka client settings per process in /etc/pxeflow/kafka;
#   * `ctl` on the PATH through the alternatives system, pointing at /usr/bin/pxeflow-ctl;
#   * ctl's class-data archive in /var/cache/pxeflow (a faster start; ctl works without it).
set -e

if ! getent group pxeflow >/dev/null; then
    groupadd --system pxeflow
fi
if ! getent passwd pxeflow >/dev/null; then
    useradd --system --gid pxeflow --home-dir /var/lib/pxeflow --no-create-home \
        --shell /usr/sbin/nologin --comment "pxeflow head-node service" pxeflow
fi

# The units' StateDirectory= makes these too; here they exist before the first start, with the
# modes the units expect (generated files must be readable by dnsmasq and tftpd).
install -d -o pxeflow -g pxeflow -m 0755 /var/lib/pxeflow
install -d -o pxeflow -g pxeflow -m 0750 /var/lib/pxeflow/kafka
install -d -o root -g root -m 0755 /var/cache/pxeflow

# The API's admin and read-only tokens: 32 random bytes as hex each. A file never exists with a
# wider mode: install(1) creates it 0600 (and the umask allows no more) before giving it its group
# and 0640. The controller's unit loads both with LoadCredential=; ctl reads the admin one.
for token in admin read; do
    if [ ! -e /etc/pxeflow/$token.token ]; then
        umask 077
        { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; echo; } \
            | install -m 0640 -o root -g pxeflow /dev/stdin /etc/pxeflow/$token.token
        umask 022
    fi
done

# Each head-node process's Kafka client settings (its SASL user and password on a secure broker),
# root-only: the units hand each process only its own with LoadCredential=, which fails the start
# when the file is missing. Empty means a plaintext broker (docs/security.md).
install -d -o root -g root -m 0700 /etc/pxeflow/kafka
for unit in controller generator bridge power; do
    if [ ! -e /etc/pxeflow/kafka/$unit.properties ]; then
        install -m 0600 -o root -g root /dev/null /etc/pxeflow/kafka/$unit.properties
    fi
done

# BMC credentials (one file per name: username=, password=), read by the power worker as root;
# the worker refuses a file others may read.
install -d -o root -g root -m 0700 /etc/pxeflow/bmc

# `ctl` is the name the docs use, but a short generic one: it is an alternative (priority 50),
# so a package that ships a real /usr/bin/ctl keeps it, and pxeflow-ctl always works.
if command -v update-alternatives >/dev/null 2>&1; then
    update-alternatives --install /usr/bin/ctl ctl /usr/bin/pxeflow-ctl 50 >/dev/null 2>&1 || true
elif command -v alternatives >/dev/null 2>&1; then
    alternatives --install /usr/bin/ctl ctl /usr/bin/pxeflow-ctl 50 >/dev/null 2>&1 || true
fi

# Made now so the admin's first `ctl` is fast; the launcher remakes it when it can write here.
PXEFLOW_CTL_CDS_ONLY=1 /usr/bin/pxeflow-ctl >/dev/null 2>&1 || true
exit 0
