#!/bin/sh
# pxeflow's Kafka ACLs, as `pxeflow acls --script` prints them (docs/security.md). Run it as a Kafka
# super user, with the connection as arguments, e.g.
#   sh acls.sh --bootstrap-server head:9093 --command-config admin.properties
# (KAFKA_ACLS=/opt/kafka/bin/kafka-acls.sh where it is not on the PATH)
set -e
acls="${KAFKA_ACLS:-kafka-acls.sh}"
"$acls" "$@" --add --allow-principal User:reporter --operation Write --topic pxeflow.heartbeats
"$acls" "$@" --add --allow-principal User:bridge --operation Write --topic pxeflow.dhcp
"$acls" "$@" --add --allow-principal User:bridge --operation Write --topic pxeflow.pxe
"$acls" "$@" --add --allow-principal User:bridge --operation Read --topic pxeflow.addresses
"$acls" "$@" --add --allow-principal User:generator --operation Read --topic pxeflow.config
"$acls" "$@" --add --allow-principal User:generator --operation Read --topic pxeflow.inventory
"$acls" "$@" --add --allow-principal User:generator --operation Write --topic pxeflow.config-status
"$acls" "$@" --add --allow-principal User:generator --operation Write --topic pxeflow.deadletter
"$acls" "$@" --add --allow-principal User:generator --operation Read --group pxeflow-generator- --resource-pattern-type prefixed
"$acls" "$@" --add --allow-principal User:power --operation Read --topic pxeflow.power
"$acls" "$@" --add --allow-principal User:power --operation Write --topic pxeflow.power-status
"$acls" "$@" --add --allow-principal User:power --operation Write --topic pxeflow.deadletter
"$acls" "$@" --add --allow-principal User:power --operation Read --group pxeflow.power- --resource-pattern-type prefixed
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.dhcp
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.pxe
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.heartbeats
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.commands
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.config
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.config-status
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.events
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.nodes
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.deadletter
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.discovered
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.inventory
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.addresses
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.power
"$acls" "$@" --add --allow-principal User:controller --operation Read --topic pxeflow.power-status
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.dhcp
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.dhcp
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.pxe
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.pxe
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.heartbeats
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.heartbeats
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.commands
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.commands
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.config
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.config
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.config-status
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.config-status
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.events
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.events
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.nodes
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.nodes
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.deadletter
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.deadletter
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.discovered
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.discovered
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.inventory
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.inventory
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.addresses
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.addresses
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.power
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.power
"$acls" "$@" --add --allow-principal User:controller --operation Create --topic pxeflow.power-status
"$acls" "$@" --add --allow-principal User:controller --operation DescribeConfigs --topic pxeflow.power-status
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.commands
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.config
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.nodes
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.events
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.deadletter
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.discovered
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.inventory
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.pxe
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.addresses
"$acls" "$@" --add --allow-principal User:controller --operation Write --topic pxeflow.power
"$acls" "$@" --add --allow-principal User:controller --operation All --topic pxeflow.controller --resource-pattern-type prefixed
"$acls" "$@" --add --allow-principal User:controller --operation All --group pxeflow.controller --resource-pattern-type prefixed
"$acls" "$@" --add --allow-principal User:controller --operation All --transactional-id pxeflow.controller --resource-pattern-type prefixed
"$acls" "$@" --add --allow-principal User:controller --operation All --transactional-id pxeflow.api- --resource-pattern-type prefixed
