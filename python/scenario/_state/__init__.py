# SPDX-License-Identifier: Apache-2.0
"""The implementation of ``scenario.state``, split by concept.

Users import these classes from ``scenario`` or ``scenario.state``; the modules here are
private and may be reorganised freely. The import order below follows the dependencies:
``base`` and ``event_names`` know nothing of the others, events know the entities only
for type checking, and ``state`` ties everything together.
"""
