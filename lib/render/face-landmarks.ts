import path from "node:path";
import { createRequire } from "node:module";

/** A point in the photo's pixels. */
export interface Point {
  x: number;
  y: number;
}

/** The face an animated photo blinks with: its box and the six contour points of each eye, in the photo's pixels. */
export interface FaceLandmarks {
  face: { x: number; y: number; width: number; height: number };
  leftEye: Point[];
  rightEye: Point[];
}

type FaceApi = typeof import("@vladmandic/face-api/dist/face-api.node-wasm.js");
type Tf = typeof import("@tensorflow/tfjs");

let loading: Promise<{ faceapi: FaceApi; tf: Tf }> | null = null;

/**
 * face-api (tiny face detector + 68-point landmarks, weights shipped inside the package) on the
 * WebAssembly backend: offline, no native build, about half a second for a photo on one core.
 * Loaded on first use only, so a render without photos never pays for TensorFlow.
 */
function loadFaceApi() {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const tf = require("@tensorflow/tfjs") as Tf;
    require("@tensorflow/tfjs-backend-wasm");
    const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js") as FaceApi;
    await tf.setBackend("wasm");
    await tf.ready();
    // The server bundle turns a literal require.resolve into its own module number (path.dirname then threw, and the
    // production server never looked for a face): the specifier is put together at run time, where Node resolves it.
    const manifest = ["@vladmandic/face-api", "package.json"].join("/");
    const models = path.join(path.dirname(require.resolve(/*turbopackIgnore: true*/ manifest)), "model");
    await faceapi.nets.tinyFaceDetector.loadFromDisk(models);
    await faceapi.nets.faceLandmark68TinyNet.loadFromDisk(models);
    return { faceapi, tf };
  })();
  loading.catch(() => (loading = null));
  return loading;
}

/**
 * Finds the largest face in raw RGB pixels and its eyes; null when there is none the detector is
 * sure of (a drawing, a back view, a photo of a product). Used once per photo and cached.
 */
export async function findFace(rgb: { data: Buffer; width: number; height: number }): Promise<FaceLandmarks | null> {
  const { faceapi, tf } = await loadFaceApi();
  const input = tf.tensor3d(new Uint8Array(rgb.data.buffer, rgb.data.byteOffset, rgb.data.length), [rgb.height, rgb.width, 3], "int32");
  try {
    const found = await faceapi
      .detectAllFaces(input as never, new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 }))
      .withFaceLandmarks(true);
    const largest = found.sort((a, b) => b.detection.box.area - a.detection.box.area)[0];
    if (!largest) return null;
    const box = largest.detection.box;
    const pts = (ps: Array<{ x: number; y: number }>) => ps.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
    return {
      face: { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) },
      leftEye: pts(largest.landmarks.getLeftEye()),
      rightEye: pts(largest.landmarks.getRightEye()),
    };
  } finally {
    input.dispose();
  }
}
