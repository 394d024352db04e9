#!/bin/sh
# pxeflow-reporter RPM %postun: systemd forgets or re-reads the unit; after an upgrade ($1 >= 1)
# a running reporter restarts on the new files.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart pxeflow-reporter.service >/dev/null 2>&1 || :
    fi
fi
exit 0
