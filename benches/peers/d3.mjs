// Times d3-flextree (variable sizes) and d3-hierarchy's tree() (fixed size) on a tree file
// written by `cargo bench --bench peers`: {"parent": [...], "w": [...], "h": [...]}, with
// -1 for a root. Prints one JSON line: median milliseconds of warm runs.
import { readFileSync } from "node:fs";
import { flextree } from "d3-flextree";
import { hierarchy, tree } from "d3-hierarchy";

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 7);
const { parent, w, h } = JSON.parse(readFileSync(file, "utf8"));

// Nested objects, the input both libraries take.
const nodes = parent.map((_, i) => ({ i, children: [] }));
let root = null;
parent.forEach((p, i) => (p < 0 ? (root = nodes[i]) : nodes[p].children.push(nodes[i])));
nodes.forEach((n) => { if (n.children.length === 0) delete n.children; });

function median(f) {
  f(); // warm-up
  const times = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const gap = 24;
const flex = flextree({ nodeSize: (n) => [w[n.data.i] + gap, h[n.data.i] + 48], spacing: 0 });
const flexRoot = flex.hierarchy(root);
const flextreeMs = median(() => flex(flexRoot));
const fixed = tree().nodeSize([200 + gap, 64 + 48]);
const fixedRoot = hierarchy(root);
const treeMs = median(() => fixed(fixedRoot));
console.log(JSON.stringify({ flextree: flextreeMs, tree: treeMs }));
