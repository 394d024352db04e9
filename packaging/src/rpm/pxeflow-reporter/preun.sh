#!/bin/sh
# pxeflow-reporter RPM %preun: on erase ($1 = 0, not an upgrade) stop the reporter.
if [ "$1" = 0 ] && [ -d /run/systemd/system ]; then
    systemctl stop pxeflow-reporter.service >/dev/null 2>&1 || :
fi
exit 0
