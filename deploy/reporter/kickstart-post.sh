# Kickstart %post snippet for the pxe+local "on-install-complete" stage policy: tells the
# controller the install finished, so the node's next PXE boot goes to its local disk.
# Runs in the installed system's chroot; the node name must be given (the installer's host name
# may be "localhost"). Exit status 0 means the broker acknowledged the signal.
%post --log=/root/pxeflow-install-complete.log
/usr/bin/pxeflow-reporter --install-complete --config /etc/pxeflow/reporter.properties \
    --node "$(hostname -s)" --ack-timeout 60 || echo "pxeflow: install-complete NOT acknowledged" >&2
%end
