#!/bin/sh
# pxeflow RPM %post: the shared setup (user, /var/lib/pxeflow, admin token, `ctl`), then systemd
# learns the units. None is enabled or started: a head node needs its settings first
# (docs/operations.md). Restarting running units on an upgrade is %postun's job.
sh /usr/share/pxeflow/postinstall.sh
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
fi
exit 0
