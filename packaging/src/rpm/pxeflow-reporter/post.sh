#!/bin/sh
# pxeflow-reporter RPM %post: systemd learns the unit. It is not enabled here: a node image is
# usually built in a chroot, where the admin runs `systemctl enable pxeflow-reporter` once
# /etc/pxeflow/reporter.properties names the head node's Kafka.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
fi
exit 0
