#!/bin/sh
# pxeflow RPM %postun: systemd forgets or re-reads the units; after an upgrade ($1 >= 1) the
# services that were running restart on the new files. /etc/pxeflow (settings, admin token) and
# /var/lib/pxeflow (all cluster state) are kept on erase: they are the admin's to delete.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart pxeflow-kafka.service pxeflow-controller.service pxeflow-generator.service \
            pxeflow-bridge.service pxeflow-power.service >/dev/null 2>&1 || :
    fi
fi
exit 0
