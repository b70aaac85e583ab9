#!/usr/bin/python3
"""Generates the ONNX backend node tests (OUT_DIR/node/test_*/model.onnx + test_data_set_*/*.pb)
from the installed python3-onnx. Does nothing when OUT_DIR/node exists, unless --force.
Debian's numpy 1.24 removed np.float / np.int / np.bool / np.object, which onnx 1.12's
generator still uses: they are restored first."""
import os
import sys

import numpy as np

for _name, _value in (("float", float), ("int", int), ("bool", bool), ("object", object)):
    if _name not in np.__dict__:
        setattr(np, _name, _value)

from onnx.backend.test import cmd_tools  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if a != "--force"]
    if len(args) != 1:
        sys.exit("usage: generate.py [--force] OUT_DIR")
    if os.path.isdir(os.path.join(args[0], "node")) and "--force" not in sys.argv:
        return
    sys.argv = ["cmd_tools", "generate-data", "-o", args[0]]
    cmd_tools.main()


if __name__ == "__main__":
    main()
