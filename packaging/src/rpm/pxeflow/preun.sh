#!/bin/sh
# pxeflow RPM %preun: on erase ($1 = 0, not an upgrade) stop the services and take `ctl` out of
# the alternatives.
if [ "$1" = 0 ]; then
    if [ -d /run/systemd/system ]; then
        systemctl stop pxeflow-power.service pxeflow-bridge.service pxeflow-generator.service pxeflow-controller.service \
            pxeflow-kafka.service >/dev/null 2>&1 || :
    fi
    alternatives --remove ctl /usr/bin/pxeflow-ctl >/dev/null 2>&1 || :
fi
exit 0
