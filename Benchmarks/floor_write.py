#!/usr/bin/env python3
"""Fallback for floor_write.c where no C compiler is installed (slower per file, so a higher floor).

    floor_write.py DIR FILES BYTES   -> prints the seconds spent writing FILES fresh files of
    BYTES bytes in all, each DIR/<group>/<i>/index.html, with plain os.open/os.write/os.close.
"""
import os, sys, time

def main():
    if len(sys.argv) != 4:
        sys.exit("usage: floor_write.py DIR FILES BYTES")
    root, files, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    base, extra = divmod(total, files)
    line = (b"abcdefghijklmnopqrstuvwxyz" * 3)[:63] + b"\n"
    buffer = (line * ((base + 1) // 64 + 1))[: base + 1]
    start = time.monotonic()
    os.mkdir(root)
    group = -1
    for i in range(files):
        if i // 1000 != group:
            group = i // 1000
            os.mkdir(f"{root}/{group}")
        folder = f"{root}/{group}/{i}"
        os.mkdir(folder)
        fd = os.open(folder + "/index.html", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        view = memoryview(buffer)[: base + (1 if i < extra else 0)]
        while view:
            view = view[os.write(fd, view):]
        os.close(fd)
    print(f"{time.monotonic() - start:.3f}")

if __name__ == "__main__":
    main()
