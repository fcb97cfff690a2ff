import type { Box } from "@/lib/composition/layout";

/** The bounding box of the pixels of raw RGB `data` close to `rgb` (each channel within 60); null when there are none. */
export function colourBox(data: Buffer, width: number, height: number, rgb: readonly [number, number, number]): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (Math.abs(data[i] - rgb[0]) < 60 && Math.abs(data[i + 1] - rgb[1]) < 60 && Math.abs(data[i + 2] - rgb[2]) < 60) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
