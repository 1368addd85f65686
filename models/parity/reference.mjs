// Computes TF.js reference outputs (pure @tensorflow/tfjs, cpu backend) for the parity tests.
// Inputs: seeded random tensors in each model's input range, and face crops from the
// @vladmandic/face-api sample photos. Everything goes to models/out/parity (git-ignored):
// index.json describes each case; tensors are raw little-endian float32 files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelsRoot = path.resolve(here, '..');
const sourceDir = path.join(modelsRoot, 'node_modules/@vladmandic/human/models');
const photoDir = path.join(modelsRoot, 'node_modules/@vladmandic/face-api/demo');
const outDir = path.join(modelsRoot, 'out/parity');
const manifest = JSON.parse(fs.readFileSync(path.join(modelsRoot, 'out/manifest.json'), 'utf8'));

// Input size and value range per model, as the package feeds them (see MODELS.md).
const specs = {
  blazeface: { size: 256, channels: 3, lo: -1, hi: 1 },
  facemesh: { size: 192, channels: 3, lo: 0, hi: 1 },
  iris: { size: 64, channels: 3, lo: 0, hi: 1 },
  emotion: { size: 64, channels: 1, lo: -1, hi: 1 },
  antispoof: { size: 128, channels: 3, lo: 0, hi: 1 },
  liveness: { size: 32, channels: 3, lo: 0, hi: 1 },
  faceres: { size: 224, channels: 3, lo: 0, hi: 255 },
};

// mulberry32: small seeded PRNG so the random cases are the same on every machine.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fileHandler(name) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(sourceDir, `${name}.json`), 'utf8'));
      const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
      const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(sourceDir, p))));
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return { modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature, userDefinedMetadata: json.userDefinedMetadata, weightSpecs, weightData };
    },
  };
}

function decodePhoto(file) {
  const image = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: false });
  return tf.tensor3d(image.data, [image.height, image.width, 3], 'float32');
}

// BlazeFace anchors: 16×16 cells × 2 at stride 16, then 8×8 cells × 6 at stride 32 (256-px units).
function anchors() {
  const list = [];
  for (const [stride, cells, perCell] of [[16, 16, 2], [32, 8, 6]]) {
    for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) for (let a = 0; a < perCell; a++) list.push([stride * (x + 0.5), stride * (y + 0.5)]);
  }
  return list;
}

// Best face of a photo as a square box ×1.4 in image pixels: [top, left, side].
function bestFace(outputs, names, height, width) {
  const byShape = (rows, last) => outputs[names.findIndex((n, i) => outputs[i].shape[1] === rows && outputs[i].shape[2] === last)].dataSync();
  const logits = [...byShape(512, 1), ...byShape(384, 1)];
  const boxes = [...byShape(512, 16), ...byShape(384, 16)];
  const grid = anchors();
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  const cx = (grid[best][0] + boxes[best * 16]) * width / 256;
  const cy = (grid[best][1] + boxes[best * 16 + 1]) * height / 256;
  const side = Math.max(boxes[best * 16 + 2] * width / 256, boxes[best * 16 + 3] * height / 256) * 1.4;
  return { top: Math.round(cy - side / 2), left: Math.round(cx - side / 2), side: Math.round(side), score: 1 / (1 + Math.exp(-logits[best])) };
}

function crop(image, face) {
  const [h, w] = image.shape;
  const top = Math.max(0, Math.min(h - 2, face.top));
  const left = Math.max(0, Math.min(w - 2, face.left));
  const size = [Math.min(face.side, h - top), Math.min(face.side, w - left)];
  return tf.slice(image, [top, left, 0], [size[0], size[1], 3]);
}

// The same [0,1] crop feeds every model, resized to its input and scaled to its range.
function modelInput(name, faceCrops01) {
  const { size } = specs[name];
  return tf.tidy(() => {
    const resized = tf.concat(faceCrops01.map((c) => tf.image.resizeBilinear(c, [size, size], false, false).expandDims(0)));
    if (name === 'emotion') {
      const [r, g, b] = tf.split(resized, 3, 3);
      const grey = r.mul(0.2989).add(g.mul(0.587)).add(b.mul(0.114));
      return grey.sub(0.5).mul(2);
    }
    return name === 'faceres' ? resized.mul(255) : resized;
  });
}

const index = [];
function write(file, tensor) {
  fs.writeFileSync(path.join(outDir, file), Buffer.from(tensor.dataSync().buffer));
  return { file, shape: tensor.shape };
}

async function run(model, name, caseName, input, names) {
  const outputs = model.execute(input, names);
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const entry = { model: name, case: caseName, input: write(`${name}.${caseName}.input.bin`, input), outputs: [] };
  list.forEach((t, i) => entry.outputs.push({ name: names[i], ...write(`${name}.${caseName}.${i}.bin`, t) }));
  index.push(entry);
  return list;
}

async function main() {
  await tf.setBackend('cpu');
  fs.mkdirSync(outDir, { recursive: true });
  const models = {};
  const outputNames = {};
  for (const entry of manifest.models) {
    models[entry.name] = await tf.loadGraphModel(fileHandler(entry.name));
    outputNames[entry.name] = entry.outputs.map((o) => o.name);
  }

  let seed = 1;
  for (const name of Object.keys(models)) {
    const { size, channels, lo, hi } = specs[name];
    const batch = name === 'blazeface' ? 1 : 2;
    const next = random(seed++);
    const values = Float32Array.from({ length: batch * size * size * channels }, () => lo + (hi - lo) * next());
    await run(models[name], name, 'random', tf.tensor4d(values, [batch, size, size, channels]), outputNames[name]);
    process.stdout.write(`[parity] ${name} random done\n`);
  }

  const crops = [];
  const photos = [];
  for (let i = 1; i <= 6; i++) {
    const image = decodePhoto(path.join(photoDir, `sample${i}.jpg`));
    const [h, w] = image.shape;
    // The decoded pixels let the C# pre-processing be compared without JPEG decoder differences.
    fs.writeFileSync(path.join(outDir, `sample${i}.rgb`), Buffer.from(Uint8Array.from(image.dataSync())));
    const input = tf.tidy(() => tf.image.resizeBilinear(image, [256, 256], false, false).div(127.5).sub(1).expandDims(0));
    const outputs = await run(models.blazeface, 'blazeface', `sample${i}`, input, outputNames.blazeface);
    const face = bestFace(outputs, outputNames.blazeface, h, w);
    crops.push(tf.tidy(() => crop(image, face).div(255)));
    photos.push({ file: `sample${i}.rgb`, width: w, height: h, face });
    process.stdout.write(`[parity] sample${i}.jpg ${w}x${h}: face at ${face.left},${face.top} side ${face.side} score ${face.score.toFixed(3)}\n`);
  }

  for (const name of Object.keys(models).filter((n) => n !== 'blazeface')) {
    await run(models[name], name, 'faces', modelInput(name, crops), outputNames[name]);
    process.stdout.write(`[parity] ${name} faces done\n`);
  }

  fs.writeFileSync(path.join(outDir, 'index.json'), JSON.stringify({ tfjs: tf.version.tfjs, backend: tf.getBackend(), cases: index, photos }, null, 2));
  process.stdout.write(`[parity] wrote ${index.length} cases to ${outDir}\n`);
}

await main();
