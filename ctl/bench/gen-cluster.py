#!/usr/bin/env python3
"""Prints a ClusterWare-syntax inventory of N nodes (default 1000) for the ctl start-up benchmark:
node0..node(N-1), class centos5u4, pxe+local at stage local, one MAC each, addresses from iprange."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
print("nodes %d" % n)
print("master 10.60.0.1")
print("netmask 255.255.0.0")  # the cluster network: up to 65,000 nodes
last = 10 + n - 1
print("iprange 10.60.0.10 10.60.%d.%d" % (last // 256, last % 256))
print("class centos5u4 kernelimage /var/beowulf/boot/vmlinuz-centos5u4_amd64")
print("class centos5u4 initrdimage /var/beowulf/boot/initrd-centos5u4_amd64.img")
print("class centos5u4 kernelcommandline initrd=initrd-centos5u4_amd64.img ksdevice=eth0")
for i in range(n):
    print("node %d centos5u4 pxe+local local 00:a0:d1:%02x:%02x:%02x" % (i, i >> 16 & 255, i >> 8 & 255, i & 255))
