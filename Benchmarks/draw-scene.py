# Draws a simple scene as a PPM (pure Python), for the sample archive's pictures and the photo benchmark:
# we make our pictures ourselves. Usage: draw-scene.py ruong|cho WIDTH HEIGHT OUT.ppm
import sys, math
kind, width, height, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = []
for y in range(height):
    row = bytearray()
    v = y / height
    for x in range(width):
        u = x / width
        if kind == "ruong":
            # Sky, a line of hills, then rows of rice in the field.
            hill = 0.42 + 0.05 * math.sin(u * 7.0) + 0.03 * math.sin(u * 17.0 + 1.0)
            if v < hill:
                sun = math.hypot(u - 0.78, v - 0.16)
                if sun < 0.06: c = (255, 236, 170)
                else: c = (int(120 + 100 * v), int(170 + 60 * v), int(230 - 20 * v))
            elif v < hill + 0.05: c = (60, 110, 70)
            else:
                stripe = 0.5 + 0.5 * math.sin((u - 0.5) * 60 / (v + 0.05) )
                g = int(150 + 60 * stripe * v)
                c = (int(90 + 40 * v), min(255, g), int(40 + 20 * stripe))
        else:
            # Flower market at dusk: a warm sky, the river, stalls of red and yellow flowers.
            if v < 0.35: c = (int(250 - 60 * v), int(150 + 80 * v), int(120 + 150 * v))
            elif v < 0.5: 
                w = 0.5 + 0.5 * math.sin(u * 90 + v * 40)
                c = (int(70 + 40 * w), int(110 + 40 * w), int(150 + 50 * w))
            else:
                cell = (int(u * 24) + int(v * 12)) % 3
                d = math.hypot((u * 24) % 1 - 0.5, (v * 12) % 1 - 0.5)
                if d < 0.33: c = [(220, 40, 50), (250, 200, 40), (240, 120, 160)][cell]
                else: c = (60, 120, 50)
        row += bytes(c)
    rows.append(bytes(row))
with open(out, "wb") as f:
    f.write(b"P6 %d %d 255\n" % (width, height))
    f.write(b"".join(rows))
