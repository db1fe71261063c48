# SPDX-License-Identifier: Apache-2.0
"""What ``network-get`` reports for a binding: addresses, interfaces, subnets."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable

from .base import _DCBase


@dataclasses.dataclass(frozen=True)
class Address(_DCBase):
    """One address of a network interface."""

    hostname: str
    """The host name, often empty."""
    value: str
    """The IP address."""
    cidr: str
    """The subnet, in CIDR notation."""
    address: str = ""
    """The legacy spelling of ``value``."""

    def hook_tool_output_fmt(self) -> dict[str, str]:
        """This address as ``network-get`` prints it."""
        return {
            "hostname": self.hostname,
            "value": self.value,
            "cidr": self.cidr,
            "address": self.address,
        }


@dataclasses.dataclass(frozen=True)
class BindAddress(_DCBase):
    """A network interface and its addresses."""

    interface_name: str
    """The interface name, e.g. ``eth0``."""
    addresses: list[Address]
    """The interface's addresses."""
    mac_address: str | None = None
    """The MAC address, if known."""

    def hook_tool_output_fmt(self) -> dict[str, typing.Any]:
        """This interface as ``network-get`` prints it."""
        out: dict[str, typing.Any] = {
            "interface-name": self.interface_name,
            "addresses": [address.hook_tool_output_fmt() for address in self.addresses],
        }
        if self.mac_address:
            out["mac-address"] = self.mac_address
        return out


@dataclasses.dataclass(frozen=True)
class Network(_DCBase):
    """What ``network-get`` reports for one endpoint or extra binding."""

    name: str
    """The endpoint or extra-binding name."""
    bind_addresses: list[BindAddress]
    """The interfaces and their addresses."""
    ingress_addresses: list[str]
    """Addresses other units should use to reach this one."""
    egress_subnets: list[str]
    """Subnets outgoing traffic comes from."""

    def hook_tool_output_fmt(self) -> dict[str, typing.Any]:
        """This network as ``network-get`` prints it."""
        return {
            "bind-addresses": [ba.hook_tool_output_fmt() for ba in self.bind_addresses],
            "egress-subnets": self.egress_subnets,
            "ingress-addresses": self.ingress_addresses,
        }

    @classmethod
    def default(
        cls,
        name: str,
        private_address: str = "1.1.1.1",
        hostname: str = "",
        cidr: str = "",
        interface_name: str = "",
        mac_address: str | None = None,
        egress_subnets: Iterable[str] = ("1.1.1.2/32",),
        ingress_addresses: Iterable[str] = ("1.1.1.2",),
    ) -> Network:
        """Build a Network with one interface holding one address.

        Args:
            name: The endpoint or extra-binding name.
            private_address: The interface's address.
            hostname: The address's host name.
            cidr: The address's subnet.
            interface_name: The interface name.
            mac_address: The interface's MAC address.
            egress_subnets: Subnets outgoing traffic comes from.
            ingress_addresses: Addresses other units should use.
        """
        return cls(
            name=name,
            bind_addresses=[
                BindAddress(
                    interface_name=interface_name,
                    addresses=[Address(hostname=hostname, value=private_address, cidr=cidr)],
                    mac_address=mac_address,
                ),
            ],
            ingress_addresses=list(ingress_addresses),
            egress_subnets=list(egress_subnets),
        )
