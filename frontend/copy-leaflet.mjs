// Leaflet (npm, frontend/package.json) for the maps' progressive enhancement: `npm run build`
// copies the files the site uses into frontend/build/leaflet, served as static/leaflet/
// (cms/settings/base.py, STATICFILES_DIRS). Nothing is loaded from another host.
// Leaflet-Geoman (MIT, @geoman-io/leaflet-geoman-free) goes beside it in leaflet/geoman/: the
// admin's map widget draws and edits an area's outline with it (places/widgets.py).
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const frontend = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(frontend, "node_modules/leaflet/dist");
const target = path.join(frontend, "build/leaflet");

await mkdir(target, { recursive: true });
await cp(path.join(source, "images"), path.join(target, "images"), { recursive: true });
await cp(path.join(source, "../LICENSE"), path.join(target, "LICENSE"));
// Without the source-map comments: the maps are not served, and collectstatic's manifest
// storage would stop at a comment naming a file it does not have.
async function copyWithoutSourceMap(from, to) {
  const text = await readFile(from, "utf8");
  await writeFile(to, text.replace(/\n?\/[/*]# sourceMappingURL=.*$/m, ""));
}
for (const name of ["leaflet.js", "leaflet.css"]) {
  await copyWithoutSourceMap(path.join(source, name), path.join(target, name));
}
console.log(`${path.relative(path.dirname(frontend), target)}: Leaflet copied`);

const geoman = path.join(frontend, "node_modules/@geoman-io/leaflet-geoman-free");
const geomanTarget = path.join(target, "geoman");
await mkdir(geomanTarget, { recursive: true });
await cp(path.join(geoman, "LICENSE"), path.join(geomanTarget, "LICENSE"));
await copyWithoutSourceMap(path.join(geoman, "dist/leaflet-geoman.min.js"), path.join(geomanTarget, "leaflet-geoman.js"));
await copyWithoutSourceMap(path.join(geoman, "dist/leaflet-geoman.css"), path.join(geomanTarget, "leaflet-geoman.css"));
console.log(`${path.relative(path.dirname(frontend), geomanTarget)}: Leaflet-Geoman copied`);
